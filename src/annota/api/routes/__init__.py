"""Every API router, in the order they are mounted."""

from fastapi import APIRouter

from annota.api.routes import auth, server, tokens, users

ROUTERS: list[APIRouter] = [
    server.router,
    auth.router,
    users.router,
    tokens.router,
]
