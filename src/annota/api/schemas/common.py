from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Wire(BaseModel):
    """Base of input models: unknown fields are an error, so typos do not pass silently."""

    model_config = ConfigDict(extra="forbid")


class Public(BaseModel):
    # Fields with defaults are always present in answers: generated clients may rely on them.
    model_config = ConfigDict(from_attributes=True, json_schema_serialization_defaults_required=True)


class Page(BaseModel, Generic[T]):
    items: list[T]
    count: int = Field(description="Total number of items matching the filters")
    page: int
    page_size: int


class ErrorItem(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ErrorBody(BaseModel):
    """The one shape of every error answer."""

    ok: bool = False
    status: int
    errors: list[ErrorItem]
