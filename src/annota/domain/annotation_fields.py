"""Readers for the fields that shapes, tracks, keyframes and tags share (the common columns of ADR 0001).

Each reads ``m[key]`` (or its default when the field is optional), appends located problems and returns the
value, or None when it is invalid.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from annota.domain import wire
from annota.domain.attributes import AttrValue, read_attribute_values
from annota.domain.problems import Loc, Problem, ProblemType
from annota.domain.shapes.base import Source

_SOURCES = {s.value: s for s in Source}


def read_id(m: Mapping[str, Any], loc: Loc, problems: list[Problem]) -> str | None:
    """The client-chosen id (a UUID string in practice): a non-empty string."""
    return wire.string(m["id"], (*loc, "id"), problems) if wire.present(m, "id", loc, problems) else None


def read_label_id(m: Mapping[str, Any], loc: Loc, problems: list[Problem]) -> int | None:
    if not wire.present(m, "label_id", loc, problems):
        return None
    return wire.integer(m["label_id"], (*loc, "label_id"), problems)


def read_frame(m: Mapping[str, Any], loc: Loc, problems: list[Problem], key: str = "frame") -> int | None:
    if not wire.present(m, key, loc, problems):
        return None
    return wire.integer(m[key], (*loc, key), problems, minimum=0)


def read_flag(m: Mapping[str, Any], key: str, loc: Loc, problems: list[Problem]) -> bool | None:
    """An optional boolean, False when absent."""
    return wire.boolean(m.get(key, False), (*loc, key), problems)


def read_z_order(m: Mapping[str, Any], loc: Loc, problems: list[Problem]) -> int | None:
    return wire.integer(m.get("z_order", 0), (*loc, "z_order"), problems)


def read_group(m: Mapping[str, Any], loc: Loc, problems: list[Problem]) -> int | None:
    return wire.optional_integer(m.get("group"), (*loc, "group"), problems)


def read_source(m: Mapping[str, Any], loc: Loc, problems: list[Problem]) -> Source | None:
    raw = m.get("source", "manual")
    source = _SOURCES.get(raw) if isinstance(raw, str) else None
    return source if source is not None else wire.enum_value(Source, raw, (*loc, "source"), problems)


def read_score(m: Mapping[str, Any], loc: Loc, problems: list[Problem]) -> float | None:
    """An optional confidence in [0, 1]; None when absent (problems tell None-as-invalid apart)."""
    raw = m.get("score")
    if raw is None:
        return None
    score = wire.number(raw, (*loc, "score"), problems)
    if score is not None and not 0.0 <= score <= 1.0:
        problems.append(
            Problem((*loc, "score"), f"score must be in [0, 1], got {score}", ProblemType.OUT_OF_RANGE)
        )
        return None
    return score


def read_attributes(m: Mapping[str, Any], loc: Loc, problems: list[Problem]) -> dict[str, AttrValue] | None:
    raw = m.get("attributes")
    if raw is None:
        return {}
    return read_attribute_values(raw, (*loc, "attributes"), problems)
