"""How every repository fetches one row and writes rows under uniqueness and reference rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from annota.storage.errors import Conflict, InvalidValue, NotFound
from annota.storage.problems import Problem
from annota.storage.tables import Base

M = TypeVar("M", bound=Base)

# A field validator returns a message when the value is refused.
Check = Callable[[Any], str | None]


def get_or_raise(session: Session, model: type[M], id: object, entity: str) -> M:
    row = session.get(model, id)
    if row is None:
        raise NotFound(entity, id)
    return row


def write_unique(session: Session, row: Base, conflict: str) -> None:
    """Add `row`; a uniqueness or reference violation becomes `Conflict(conflict)`.

    The flush runs in a savepoint, so on PostgreSQL the surrounding transaction stays usable.
    """
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError as error:
        raise Conflict(conflict) from error


def delete_row(session: Session, row: Base, conflict: str) -> None:
    """Delete `row`; rows still referring to it without a cascade make it `Conflict(conflict)`."""
    try:
        with session.begin_nested():
            session.delete(row)
            session.flush()
    except IntegrityError as error:
        raise Conflict(conflict) from error


def update_unique(
    session: Session, row: Base, changes: Mapping[str, Any], checks: Mapping[str, Check | None], conflict: str
) -> None:
    """Set the fields named in `changes` and flush; only those in `checks` may change, each passing its check.

    Refused values raise InvalidValue before anything is set. The change is made inside a savepoint,
    so a uniqueness or reference violation (`Conflict(conflict)`) leaves the row as it was and the
    surrounding transaction usable.
    """
    problems: list[Problem] = []
    for name, value in changes.items():
        if name not in checks:
            problems.append(Problem((name,), "cannot be changed here", "read_only"))
            continue
        check = checks[name]
        message = check(value) if check is not None else None
        if message is not None:
            problems.append(Problem((name,), message, "invalid_value"))
    if problems:
        raise InvalidValue(problems)
    try:
        with session.begin_nested():
            for name, value in changes.items():
                setattr(row, name, value)
            session.flush()
    except IntegrityError as error:
        raise Conflict(conflict) from error


def one_of(values: tuple[str, ...]) -> Check:
    def check(value: Any) -> str | None:
        return None if value in values else f"must be one of {', '.join(values)}; got {value!r}"

    return check


def non_empty(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "must not be empty"
