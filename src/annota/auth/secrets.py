"""Opaque secrets: session ids, CSRF tokens and API tokens.

Secrets are random 256-bit values; only their SHA-256 is stored, so a leaked database does not
give working sessions or tokens. (A slow hash is not needed: the values are not guessable.)
"""

from __future__ import annotations

import hashlib
import secrets

API_TOKEN_PREFIX = "ann_"
TOKEN_PREFIX_SHOWN = 12


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def new_api_token() -> str:
    return API_TOKEN_PREFIX + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def same(a: str, b: str) -> bool:
    return secrets.compare_digest(a.encode(), b.encode())
