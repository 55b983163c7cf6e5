"""API tokens for the SDK and the CLI, sent as `Authorization: Bearer <token>`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.schemas.users import TokenCreate, TokenCreated, TokenPublic
from annota.auth import accounts
from annota.storage import credentials
from annota.storage.tables import ApiToken
from annota.storage.types import utcnow

router = APIRouter(prefix="/api/tokens", tags=["tokens"])


@router.get("", response_model=list[TokenPublic])
def list_tokens(caller: Caller, session: ReadSession) -> list[ApiToken]:
    return credentials.list_api_tokens(session, caller.user_id)


@router.post("", response_model=TokenCreated, status_code=201)
def create_token(body: TokenCreate, caller: Caller, session: WriteSession) -> dict[str, Any]:
    row, secret = accounts.create_token(session, caller.user_id, body.name, body.expires_at)
    return {**TokenPublic.model_validate(row).model_dump(), "token": secret}


@router.delete("/{token_id}", status_code=204)
def revoke_token(token_id: int, caller: Caller, session: WriteSession) -> None:
    credentials.revoke_api_token(session, caller.user_id, token_id, utcnow())
