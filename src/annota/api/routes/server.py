"""Facts about this server, readable without logging in (the login page needs the locales)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from annota import __version__

router = APIRouter(prefix="/api/server", tags=["server"])

LOCALES = ["en", "fr"]


class About(BaseModel):
    name: str
    version: str
    locales: list[str]


@router.get("/about", response_model=About)
def about() -> About:
    return About(name="annota", version=__version__, locales=LOCALES)


@router.get("/health", response_model=dict[str, str])
def health() -> dict[str, str]:
    return {"status": "ok"}
