"""Query parameters shared by every list route, and the page they produce."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import Select
from sqlalchemy.orm import Session

from annota.storage.pagination import MAX_PAGE_SIZE, paginate


class ListParams(BaseModel):
    page: int = Field(default=1, ge=1)
    page_size: int = Field(default=50, ge=1, le=MAX_PAGE_SIZE)
    sort: str | None = Field(default=None, description='Columns, "-" for descending: "-created_at,name"')
    q: str | None = Field(default=None, max_length=200, description="Search text")


def page_of(
    session: Session,
    query: Select[Any],
    params: ListParams,
    columns: Mapping[str, Any],
    *,
    unique_key: Any,
    default_sort: str,
    filters: Mapping[str, object] | None = None,
) -> dict[str, Any]:
    page = paginate(
        session,
        query,
        columns=columns,
        unique_key=unique_key,
        page=params.page,
        page_size=params.page_size,
        sort=params.sort or default_sort,
        filters=filters,
    )
    return {"items": page.items, "count": page.count, "page": page.page, "page_size": page.page_size}
