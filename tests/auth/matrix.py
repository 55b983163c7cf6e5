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
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session
from starlette.routing import Mount, WebSocketRoute

from annota.storage.db import WRITE_OPTION, Database
from tests.auth.world import ROLES, Params, World

OK = "ok"
ALL = frozenset({"*"})  # a listing row's "every object of the kind" (what site admins see)
P = Params


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
    # A search (`q`) and what each role must find with it.
    search: tuple[str, Mapping[str, frozenset[str]]] | None = None
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


def check(client: TestClient, frozen: SavepointDatabase, world: World, route: str, call: Call, scope: str,
          role: str, expected: str) -> list[str]:  # fmt: skip
    method, template = route.split(" ", 1)
    params = world.params(scope, role)
    values = {name: params[call.use.get(name, name)] for name in _placeholders(template)}
    url = template.replace("{path:path}", "{path}").format(**values)
    if method == "MOUNT":
        method, url = "GET", f"{template}/{values.get('path', params['spa_asset'])}"
    headers = dict(call.headers)
    if role != "anonymous":
        headers["Authorization"] = f"Bearer {world.tokens[role]}"
    with frozen.case():
        answer = client.request(
            "GET" if method == "HEAD" else method,
            url,
            headers=headers,
            params=_value(call.query, params),
            json=_value(call.body, params),
            files=_value(call.files, params),
        )
        client.cookies.clear()
        got = OK if reached(answer, call.ok) else str(answer.status_code)
        where = f"{scope:5} {role:9} {method} {url}"
        if got != expected:
            return [f"{where}: expected {expected}, got {answer.status_code} {answer.text[:160]}"]
        if got == OK and scope in ("same", "none"):  # listings and counts are written for alpha's objects
            return [
                f"{where}: {p}" for p in _contents(client, world, call, role, params, url, headers, answer)
            ]
    return []


def _value(given: Any, params: P) -> Any:
    """A row's query, body or files: as given, or made from the scope's values."""
    return given(params) if callable(given) else given


def _placeholders(template: str) -> list[str]:
    return [part.split("}")[0].split(":")[0] for part in template.split("{")[1:]]


def _identity(world: World, kind: str, item: dict[str, Any]) -> str:
    if kind in ("job", "background"):
        return world.name_of(kind, item["id"])
    if kind == "work":
        return world.name_of("job", item["job_id"])
    if kind == "organization":
        return str(item["slug"])
    if kind == "notification":
        return str(item["id"])
    return str(item["name"])


def _contents(client: TestClient, world: World, call: Call, role: str, params: P, url: str,
              headers: dict[str, str], answer: Any) -> list[str]:  # fmt: skip
    problems = []
    body: Any = answer.json() if call.listing or call.fields else None
    for name, value in call.fields.get(role, {}).items():
        if body[name] != value:
            problems.append(f"{name} is {body[name]}, expected {value}")
    listing = call.listing
    if listing is None:
        return problems
    searches: list[tuple[str | None, Mapping[str, frozenset[str]]]] = [(None, listing.sees)]
    if listing.search is not None:
        searches.append(listing.search)
    for q, sees in searches:
        if q is not None:
            query = {**(_value(call.query, params) or {}), "q": q}
            body = client.get(url, headers=headers, params=query).json()
        problems.extend(_listed(world, listing, role, q, sees, body))
    return problems


def _listed(
    world: World, listing: Listing, role: str, q: str | None, sees: Mapping[str, frozenset[str]], body: Any
) -> list[str]:
    """The listing holds and counts exactly what `role` may see (with its fields as expected)."""
    problems = []
    items = body["items"] if isinstance(body, dict) else body
    names = {_identity(world, listing.kind, item) for item in items}
    if listing.kind == "notification":
        wanted = {str(i) for i in world.notifications[role]}
    elif sees.get(role) == ALL:
        wanted = _all(world, listing.kind, q)
    else:
        wanted = set(sees.get(role, frozenset()))
    if names != wanted:
        problems.append(f"lists {sorted(names)} (q={q}), expected {sorted(wanted)}")
    if isinstance(body, dict) and body["count"] != len(items):
        problems.append(f"counts {body['count']} for {len(items)} items (q={q})")
    for item in items:
        identity = _identity(world, listing.kind, item)
        for key, value in listing.fields.get(role, {}).get(identity, {}).items():
            if item[key] != value:
                problems.append(f"{identity}.{key} is {item[key]}, expected {value}")
    return problems


def _all(world: World, kind: str, q: str | None) -> set[str]:
    names = set(world.names[kind].values())
    return {n for n in names if q is None or q in n}
