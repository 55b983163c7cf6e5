"""The machinery of the permission matrix (tests/api/test_permission_matrix.py holds the table).

- `route_keys(app)`: every route of an app as "METHOD /path" ("WS /path" for a live channel,
  "MOUNT /path" for a mounted app), walked from `app.routes`;
- `unmatched(app, table)` / `stale(app, table)`: routes without a row, rows without a route;
- `Call` and `Profile`: one request of a row, and the outcome each role should get in each scope;
- `SavepointDatabase`: every request runs in a transaction rolled back afterwards, so a DELETE in
  one case does not change the world of the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIWebSocketRoute, iter_route_contexts
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session
from starlette.routing import Mount, WebSocketRoute

from annota.storage.db import WRITE_OPTION, Database
from tests.auth.world import ROLES, Params

OK = "ok"


def route_keys(app: FastAPI) -> set[str]:
    keys = set()
    for route in iter_route_contexts(app.routes):
        original = route.original_route
        if isinstance(original, APIWebSocketRoute | WebSocketRoute):
            keys.add(f"WS {route.path}")
        elif isinstance(original, Mount):
            keys.add(f"MOUNT {route.path}")
        else:
            methods = set(route.methods or ()) - {"HEAD"} or {"HEAD"}
            keys.update(f"{method} {route.path}" for method in methods)
    return keys


def unmatched(app: FastAPI, table: Mapping[str, object]) -> list[str]:
    """Routes of the app that have no row in the matrix: each one fails the matrix test."""
    return sorted(route_keys(app) - set(table))


def stale(app: FastAPI, table: Mapping[str, object]) -> list[str]:
    return sorted(set(table) - route_keys(app))


@dataclass(frozen=True)
class Profile:
    """Outcomes per role ("ok", or the status) in scope "same"; "other" and "own" default to the
    rules that never change: in another organisation only a site admin gets anywhere, and an owner
    may do everything to their own project."""

    same: str
    other: str | None = None
    own: str | None = None
    scopes: tuple[str, ...] = ("same", "other", "own")

    def expected(self, scope: str) -> dict[str, str]:
        if scope == "other" and self.other is None:
            admin = self.expected("same")["admin"]
            return {r: admin if r == "admin" else "401" if r == "anonymous" else "404" for r in ROLES}
        if scope == "own" and self.own is None:
            return {r: "401" if r == "anonymous" else OK for r in ROLES}
        row = {"same": self.same, "other": self.other, "own": self.own, "none": self.same}[scope]
        outcomes = (row or "").split()
        assert len(outcomes) == len(ROLES), f"a profile needs one outcome per role {ROLES}: {row!r}"
        return dict(zip(ROLES, outcomes, strict=True))


@dataclass(frozen=True)
class Listing:
    """A listing's items must be exactly what the role may see, and its count must match."""

    kind: str
    sees: Mapping[str, frozenset[str]]  # role -> names of the items (ALL for every one of the kind)
    search: str | None = None  # a `q` matching hidden objects only: found by admins alone
    fields: Mapping[str, Mapping[str, Mapping[str, object]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Call:
    profile: Profile
    use: Mapping[str, str] = field(default_factory=dict)  # path parameter -> world key
    # Each as a value, or a function of the scope's values (ids, tokens) making it.
    query: dict[str, Any] | Callable[[Params], dict[str, Any]] | None = None
    body: Any = None
    files: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)
    ok: int | tuple[int, list[str]] | None = None  # what allowed callers get, when not a 2xx
    listing: Listing | None = None
    fields: Mapping[str, Mapping[str, object]] = field(default_factory=dict)  # role -> fields of the answer


def reached(answer: Any, ok: int | tuple[int, list[str]] | None) -> bool:
    """Whether the answer shows the caller got past the policy."""
    if ok is None:
        return 200 <= answer.status_code < 400
    if isinstance(ok, int):
        return bool(answer.status_code == ok)
    status, loc = ok
    return bool(answer.status_code == status and answer.json()["errors"][0]["loc"] == loc)


class SavepointDatabase(Database):
    """One connection in a transaction per case; the app's sessions are savepoints inside it."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self.connection: Connection = engine.execution_options(**{WRITE_OPTION: True}).connect()

    @contextmanager
    def case(self) -> Iterator[None]:
        outer = self.connection.begin()
        try:
            yield
        finally:
            outer.rollback()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with (
            Session(
                bind=self.connection, join_transaction_mode="create_savepoint", expire_on_commit=False
            ) as s,
            s.begin(),
        ):
            yield s

    write = session

    def dispose(self) -> None:
        self.connection.close()
        super().dispose()
