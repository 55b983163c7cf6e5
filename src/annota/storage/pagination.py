"""One way to list anything: validated sort and filters, a page, and the total count."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, func, select, true
from sqlalchemy.orm import QueryableAttribute, Session

from annota.storage.errors import InvalidQuery
from annota.storage.problems import Problem

T = TypeVar("T")
# What a caller may sort or filter on: a mapped attribute (User.name) or any column expression.
Column = ColumnElement[Any] | QueryableAttribute[Any]

MAX_PAGE_SIZE = 1000
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    count: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return (self.count + self.page_size - 1) // self.page_size


def paginate(
    session: Session,
    stmt: Select[T],
    *,
    columns: Mapping[str, Column],
    unique_key: Column,
    page: int = 1,
    page_size: int = 50,
    sort: str | None = None,
    filters: Mapping[str, object] | None = None,
) -> Page[T]:
    """Page `page` (1-based) of `stmt`, sorted by `sort` ("-created_at,name") and filtered by equality.

    `columns` names what a caller may sort and filter on; anything else is refused with a located
    problem, as are bad page numbers. `unique_key` ends every ordering so pages never overlap.
    A filter value of None means IS NULL, a list or tuple means IN; text values are converted to
    the column's type, so query-string values can be passed as they come.
    """
    problems: list[Problem] = []
    if page < 1:
        problems.append(Problem(("query", "page"), "must be 1 or more", "invalid_page"))
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        problems.append(
            Problem(("query", "page_size"), f"must be between 1 and {MAX_PAGE_SIZE}", "invalid_page_size")
        )
    order_by = _order_by(sort, columns, problems)
    conditions = [_condition(name, value, columns, problems) for name, value in (filters or {}).items()]
    if problems:
        raise InvalidQuery(problems)

    filtered = stmt.where(*conditions)
    count = session.scalar(select(func.count()).select_from(filtered.order_by(None).subquery())) or 0
    items = list(
        session.scalars(
            filtered.order_by(None)
            .order_by(*order_by, unique_key)
            .limit(page_size)
            .offset((page - 1) * page_size)
        )
    )
    return Page(items=items, count=count, page=page, page_size=page_size)


def _order_by(
    sort: str | None, columns: Mapping[str, Column], problems: list[Problem]
) -> list[ColumnElement[Any]]:
    order: list[ColumnElement[Any]] = []
    for part in (sort or "").split(","):
        part = part.strip()
        if not part:
            continue
        name = part.removeprefix("-")
        column = columns.get(name)
        if column is None:
            problems.append(
                Problem(
                    ("query", "sort"), f"cannot sort by {name!r}; allowed: {_names(columns)}", "invalid_sort"
                )
            )
            continue
        order.append(column.desc() if part.startswith("-") else column.asc())
    return order


def _condition(
    name: str, value: object, columns: Mapping[str, Column], problems: list[Problem]
) -> ColumnElement[bool]:
    column = columns.get(name)
    if column is None:
        problems.append(
            Problem(
                ("query", name), f"cannot filter by {name!r}; allowed: {_names(columns)}", "invalid_filter"
            )
        )
        return true()
    if value is None:
        return column.is_(None)
    if isinstance(value, list | tuple):
        return column.in_([_coerce(name, column, v, problems) for v in value])
    return column == _coerce(name, column, value, problems)


def _coerce(name: str, column: Column, value: object, problems: list[Problem]) -> object:
    if not isinstance(value, str):
        return value
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        return value
    if python_type is bool:
        if value.lower() in _TRUE | _FALSE:
            return value.lower() in _TRUE
        problems.append(Problem(("query", name), f"expected true or false, got {value!r}", "invalid_filter"))
    elif python_type is int:
        try:
            return int(value)
        except ValueError:
            problems.append(Problem(("query", name), f"expected an integer, got {value!r}", "invalid_filter"))
    return value


def _names(columns: Mapping[str, Any]) -> str:
    return ", ".join(sorted(columns))
