"""Every API router, in the order they are mounted."""

from fastapi import APIRouter

from annota.api.routes import (
    annotations,
    assets,
    auth,
    jobs,
    media,
    organizations,
    projects,
    server,
    tasks,
    tokens,
    users,
)

ROUTERS: list[APIRouter] = [
    server.router,
    auth.router,
    users.router,
    tokens.router,
    organizations.router,
    projects.router,
    assets.router,
    tasks.router,
    media.router,
    jobs.router,
    annotations.router,
]
