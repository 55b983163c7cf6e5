"""Attribute specifications of a label and the checking of attribute values against them.

Attribute values are keyed by attribute name in every annotation (ADR 0001). A *mutable* attribute may change
from keyframe to keyframe of a track; an immutable one is set once on the track.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from annota.domain import wire
from annota.domain.problems import DomainValidationError, Loc, Problem, ProblemType, raise_if_any

AttrValue = str | int | float | bool

_SPEC_KEYS = ("name", "kind", "values", "default", "mutable", "required", "min", "max", "step")
_TRUE_WORDS = frozenset({"true", "1", "yes"})
_FALSE_WORDS = frozenset({"false", "0", "no"})


class AttributeKind(StrEnum):
    SELECT = "select"
    RADIO = "radio"
    CHECKBOX = "checkbox"
    NUMBER = "number"
    TEXT = "text"


class AttributeScope(StrEnum):
    """Where attribute values live: a shape or tag (any), a track (immutable), a keyframe (mutable)."""

    ANY = "any"
    IMMUTABLE = "immutable"
    MUTABLE = "mutable"


@dataclass(frozen=True, slots=True)
class AttributeSpec:
    """One attribute of a label; the constructor raises DomainValidationError for an invalid spec."""

    name: str
    kind: AttributeKind
    values: tuple[str, ...] = ()
    default: AttrValue | None = None
    mutable: bool = False
    required: bool = False
    min: float | None = None
    max: float | None = None
    step: float | None = None

    def __post_init__(self) -> None:
        raise_if_any(_spec_problems(self))

    @property
    def effective_default(self) -> AttrValue:
        """The value an annotation gets when it does not set this attribute."""
        if self.default is not None:
            return self.default
        match self.kind:
            case AttributeKind.SELECT | AttributeKind.RADIO:
                return self.values[0]
            case AttributeKind.CHECKBOX:
                return False
            case AttributeKind.NUMBER:
                assert self.min is not None  # guaranteed by _spec_problems
                return self.min
            case AttributeKind.TEXT:
                return ""

    def validate_value(self, value: object, loc: Loc = ()) -> list[Problem]:
        """Problems with `value` for this attribute (empty when valid)."""
        match self.kind:
            case AttributeKind.SELECT | AttributeKind.RADIO:
                if isinstance(value, str) and value in self.values:
                    return []
                choices = ", ".join(repr(v) for v in self.values)
                return [_bad(loc, f"attribute {self.name!r} expects one of {choices}, got {value!r}")]
            case AttributeKind.CHECKBOX:
                if isinstance(value, bool):
                    return []
                return [_bad(loc, f"attribute {self.name!r} expects a boolean, got {value!r}")]
            case AttributeKind.TEXT:
                if isinstance(value, str):
                    return []
                return [_bad(loc, f"attribute {self.name!r} expects a string, got {value!r}")]
            case AttributeKind.NUMBER:
                return self._number_problems(value, loc)

    def coerce(self, value: object, loc: Loc = ()) -> AttrValue:
        """`value` as this attribute's type (formats give "true" or "12.5" as text); raises if it cannot."""
        coerced: object = value
        if (
            self.kind is AttributeKind.CHECKBOX
            and isinstance(value, str | int)
            and not isinstance(value, bool)
        ):
            word = str(value).strip().lower()
            coerced = True if word in _TRUE_WORDS else False if word in _FALSE_WORDS else value
        elif self.kind is AttributeKind.NUMBER and isinstance(value, str):
            coerced = _parse_number_text(value)
        problems = self.validate_value(coerced, loc)
        raise_if_any(problems)
        assert isinstance(coerced, str | int | float)  # validate_value accepted it
        return coerced

    def _number_problems(self, value: object, loc: Loc) -> list[Problem]:
        if not wire.is_number(value) or not math.isfinite(value):  # type: ignore[arg-type]
            return [_bad(loc, f"attribute {self.name!r} expects a finite number, got {value!r}")]
        assert self.min is not None and self.max is not None
        v = float(value)  # type: ignore[arg-type]
        if not self.min <= v <= self.max:
            return [
                _bad(loc, f"attribute {self.name!r} expects a number in [{self.min}, {self.max}], got {v}")
            ]
        if self.step is not None and not _on_grid(v, self.min, self.step):
            return [_bad(loc, f"attribute {self.name!r} expects {self.min} + k * {self.step}, got {v}")]
        return []


def attribute_spec_from_dict(d: object, loc: Loc = ()) -> AttributeSpec:
    problems: list[Problem] = []
    m = wire.require_mapping(d, loc, problems)
    raise_if_any(problems)
    assert m is not None
    wire.reject_extra_keys(m, _SPEC_KEYS, loc, problems)
    name = wire.string(m.get("name"), (*loc, "name"), problems)
    kind = wire.enum_value(AttributeKind, m.get("kind"), (*loc, "kind"), problems)
    values: tuple[str, ...] = ()
    raw_values = m.get("values", [])
    if isinstance(raw_values, list | tuple):
        for i, v in enumerate(raw_values):
            wire.string(v, (*loc, "values", i), problems)
        values = tuple(v for v in raw_values if isinstance(v, str))
    else:
        problems.append(Problem((*loc, "values"), "expected a list of strings", ProblemType.LIST_TYPE))
    default = m.get("default")
    if default is not None and not isinstance(default, str | int | float):
        problems.append(_bad((*loc, "default"), f"expected a string, number or boolean, got {default!r}"))
    mutable = wire.boolean(m.get("mutable", False), (*loc, "mutable"), problems)
    required = wire.boolean(m.get("required", False), (*loc, "required"), problems)
    bounds = {}
    for key in ("min", "max", "step"):
        raw = m.get(key)
        bounds[key] = None if raw is None else wire.number(raw, (*loc, key), problems)
    raise_if_any(problems)
    assert name is not None and kind is not None and mutable is not None and required is not None
    try:
        return AttributeSpec(name, kind, values, default, mutable, required, **bounds)  # type: ignore[arg-type]
    except DomainValidationError as e:
        raise e.prefixed(*loc) from None


def attribute_spec_to_dict(spec: AttributeSpec) -> dict[str, Any]:
    return {
        "name": spec.name,
        "kind": spec.kind.value,
        "values": list(spec.values),
        "default": spec.default,
        "mutable": spec.mutable,
        "required": spec.required,
        "min": spec.min,
        "max": spec.max,
        "step": spec.step,
    }


def read_attribute_values(value: object, loc: Loc, problems: list[Problem]) -> dict[str, AttrValue] | None:
    """An annotation's ``attributes`` object: names to strings, finite numbers or booleans."""
    m = wire.require_mapping(value, loc, problems)
    if m is None:
        return None
    before = len(problems)
    for key, v in m.items():
        if not isinstance(key, str) or not key:
            problems.append(
                Problem((*loc, str(key)), "attribute names are non-empty strings", ProblemType.EMPTY)
            )
        elif isinstance(v, float) and not math.isfinite(v):
            problems.append(
                Problem((*loc, key), f"expected a finite number, got {v}", ProblemType.NOT_FINITE)
            )
        elif not isinstance(v, str | int | float):
            problems.append(
                Problem(
                    (*loc, key),
                    f"expected a string, number or boolean, got {wire.type_name(v)}",
                    ProblemType.ATTRIBUTE_VALUE,
                )
            )
    return dict(m) if len(problems) == before else None  # type: ignore[arg-type]


def validate_attributes(
    values: Mapping[str, AttrValue],
    specs: Sequence[AttributeSpec],
    loc: Loc,
    *,
    scope: AttributeScope = AttributeScope.ANY,
    check_required: bool = True,
) -> list[Problem]:
    """Problems with `values` (keyed by name) against a label's `specs`, located under `loc`."""
    by_name = {s.name: s for s in specs}
    problems: list[Problem] = []
    for name, value in values.items():
        spec = by_name.get(name)
        where = (*loc, name)
        if spec is None:
            problems.append(
                Problem(where, f"the label has no attribute {name!r}", ProblemType.UNKNOWN_ATTRIBUTE)
            )
        elif scope is AttributeScope.IMMUTABLE and spec.mutable:
            problems.append(
                Problem(
                    where, f"attribute {name!r} is mutable: set it on keyframes", ProblemType.ATTRIBUTE_SCOPE
                )
            )
        elif scope is AttributeScope.MUTABLE and not spec.mutable:
            problems.append(
                Problem(
                    where,
                    f"attribute {name!r} is immutable: set it on the track",
                    ProblemType.ATTRIBUTE_SCOPE,
                )
            )
        else:
            problems.extend(spec.validate_value(value, where))
    if check_required:
        for spec in specs:
            in_scope = scope is AttributeScope.ANY or spec.mutable == (scope is AttributeScope.MUTABLE)
            if spec.required and in_scope and spec.name not in values:
                problems.append(
                    Problem((*loc, spec.name), f"attribute {spec.name!r} is required", ProblemType.MISSING)
                )
    return problems


def _spec_problems(spec: AttributeSpec) -> list[Problem]:
    problems: list[Problem] = []
    if not isinstance(spec.name, str) or not spec.name:
        problems.append(Problem(("name",), "must be a non-empty string", ProblemType.EMPTY))
    if not isinstance(spec.kind, AttributeKind):
        problems.append(Problem(("kind",), f"expected an AttributeKind, got {spec.kind!r}", ProblemType.ENUM))
        return problems
    choice = spec.kind in (AttributeKind.SELECT, AttributeKind.RADIO)
    if choice:
        if not spec.values:
            problems.append(
                Problem(("values",), f"a {spec.kind} attribute needs values", ProblemType.TOO_SHORT)
            )
        seen: set[str] = set()
        for i, v in enumerate(spec.values):
            if not v:
                problems.append(Problem(("values", i), "must not be empty", ProblemType.EMPTY))
            elif v in seen:
                problems.append(Problem(("values", i), f"duplicate value {v!r}", ProblemType.DUPLICATE))
            seen.add(v)
    elif spec.values:
        problems.append(
            Problem(("values",), f"a {spec.kind} attribute has no values", ProblemType.INCONSISTENT)
        )
    if spec.kind is AttributeKind.NUMBER:
        problems.extend(_number_bounds_problems(spec))
    else:
        for key in ("min", "max", "step"):
            if getattr(spec, key) is not None:
                problems.append(
                    Problem((key,), f"only number attributes have {key}", ProblemType.INCONSISTENT)
                )
    if spec.default is not None and not problems:
        problems.extend(Problem(("default",), p.msg, p.type) for p in spec.validate_value(spec.default))
    return problems


def _number_bounds_problems(spec: AttributeSpec) -> list[Problem]:
    problems: list[Problem] = []
    for key in ("min", "max"):
        v = getattr(spec, key)
        if v is None:
            problems.append(Problem((key,), "a number attribute needs min and max", ProblemType.MISSING))
        elif not wire.is_number(v) or not math.isfinite(v):
            problems.append(Problem((key,), f"expected a finite number, got {v!r}", ProblemType.NOT_FINITE))
    if not problems and spec.min > spec.max:  # type: ignore[operator]
        problems.append(
            Problem(("max",), f"max {spec.max} is below min {spec.min}", ProblemType.BOUNDS_ORDER)
        )
    step = spec.step
    if step is not None and (not wire.is_number(step) or not math.isfinite(step) or step <= 0):
        problems.append(
            Problem(("step",), f"step must be a positive number, got {step!r}", ProblemType.OUT_OF_RANGE)
        )
    return problems


def _on_grid(v: float, start: float, step: float) -> bool:
    k = (v - start) / step
    return abs(k - round(k)) <= 1e-9 * max(1.0, abs(k))


def _parse_number_text(text: str) -> object:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def _bad(loc: Loc, msg: str) -> Problem:
    return Problem(loc, msg, ProblemType.ATTRIBUTE_VALUE)
