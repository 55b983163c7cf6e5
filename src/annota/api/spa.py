"""Serves the built web app: hashed assets cached for a year, every other page gets index.html."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles

from annota.api.errors import error_item, error_response

IMMUTABLE = "public, max-age=31536000, immutable"


class _HashedAssets(StaticFiles):
    async def get_response(self, path: str, scope: dict) -> Response:  # type: ignore[override]
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            response.headers["Cache-Control"] = IMMUTABLE
        return response


def mount_web_app(app: FastAPI, dist: Path) -> None:
    index = dist / "index.html"
    assets = dist / "assets"
    if assets.is_dir():
        app.mount("/assets", _HashedAssets(directory=assets), name="assets")

    @app.get("/{path:path}", include_in_schema=False)
    async def web_app(path: str, request: Request) -> Response:
        if path.startswith("api/") or path == "api":
            return error_response(
                404, [error_item(("path",), f"no API route {request.url.path}", "not_found")]
            )
        candidate = (dist / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(dist.resolve()):
            return FileResponse(candidate)
        if not index.is_file():
            return error_response(
                404, [error_item(("path",), "the web app is not built: run `make web`", "web_app_missing")]
            )
        return FileResponse(index, headers={"Cache-Control": "no-cache"})
