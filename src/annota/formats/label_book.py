"""The labels a reader meets while it reads: names to dataset-local ids, attribute specs from the values seen.

Most formats name labels by text and carry attribute values without a schema. A reader asks the book for a
label id whenever it meets a name (`id_for`), notes the attribute values each annotation carries (`note`),
and once everything is read builds the labels (`labels`) and fits each annotation's values to the inferred
specs (`fit`). Declared order is kept: it is the order of the label map, when the format has one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from annota.domain import wire
from annota.domain.attributes import AttributeSpec, AttrValue
from annota.domain.labels import Label, LabelKind, SkeletonTemplate
from annota.domain.problems import Loc, Problem, ProblemType
from annota.domain.shapes.base import Shape
from annota.domain.tags import Tag
from annota.formats.base import coerce_attributes, infer_attribute_specs
from annota.formats.colors import color_for


def attribute_value(raw: object) -> AttrValue | None:
    """`raw` when it can be an attribute value (text, a finite number, a boolean), else None."""
    if isinstance(raw, str | bool):
        return raw
    if isinstance(raw, int | float) and math.isfinite(raw):
        return raw
    return None


def read_label_name(raw: object, loc: Loc, problems: list[Problem]) -> str | None:
    """A label name: a string that is not blank (a `Label` cannot be built otherwise)."""
    if not isinstance(raw, str):
        problems.append(
            Problem(loc, f"expected a label name, got {wire.type_name(raw)}", ProblemType.STRING_TYPE)
        )
        return None
    if not raw.strip():
        problems.append(Problem(loc, "a label name must not be blank", ProblemType.EMPTY))
        return None
    return raw


def parse_text_value(text: str) -> AttrValue:
    """An attribute value written as text (XML, CSV): ``true``/``false`` and numbers get their type back."""
    word = text.strip()
    if word in ("true", "false", "True", "False"):
        return word.lower() == "true"
    try:
        return int(word)
    except ValueError:
        pass
    try:
        number = float(word)
    except ValueError:
        return text
    return number if math.isfinite(number) else text


@dataclass
class _Entry:
    name: str
    color: str | None
    template: SkeletonTemplate | None = None
    values: list[tuple[str, AttrValue]] = field(default_factory=list)
    mutable: set[str] = field(default_factory=set)


class LabelBook:
    """Label names met by a reader, in the order met (or declared), with the attribute values they carry."""

    def __init__(self) -> None:
        self._entries: list[_Entry] = []
        self._ids: dict[str, int] = {}
        self._specs: dict[int, tuple[AttributeSpec, ...]] | None = None

    def __contains__(self, name: object) -> bool:
        return name in self._ids

    def __len__(self) -> int:
        return len(self._entries)

    def id_for(self, name: str, color: str | None = None) -> int:
        """The id of the label called `name`, declared now (with `color`, if given) when it is new."""
        label_id = self._ids.get(name)
        if label_id is None:
            label_id = len(self._entries)
            self._ids[name] = label_id
            self._entries.append(_Entry(name, color))
        elif color is not None and self._entries[label_id].color is None:
            self._entries[label_id].color = color
        return label_id

    def skeleton(self, name: str, template: SkeletonTemplate, color: str | None = None) -> int:
        """The id of a skeleton label called `name` with `template`."""
        label_id = self.id_for(name, color)
        self._entries[label_id].template = template
        return label_id

    def template(self, label_id: int) -> SkeletonTemplate | None:
        return self._entries[label_id].template

    def name(self, label_id: int) -> str:
        return self._entries[label_id].name

    def note(self, label_id: int, values: Mapping[str, AttrValue], *, mutable: bool = False) -> None:
        """Attribute values carried by one annotation of the label (``mutable``: on a track's keyframe)."""
        entry = self._entries[label_id]
        entry.values.extend(values.items())
        if mutable:
            entry.mutable.update(values)

    def labels(self) -> tuple[Label, ...]:
        """The labels, ids 0, 1, 2... in declaration order, each with specs fitting every value noted."""
        out = []
        self._specs = {}
        for label_id, entry in enumerate(self._entries):
            specs = tuple(
                replace(s, mutable=True) if s.name in entry.mutable else s
                for s in infer_attribute_specs(entry.values)
            )
            self._specs[label_id] = specs
            color = entry.color or color_for(label_id)
            if entry.template is not None:
                out.append(Label(entry.name, color, LabelKind.SKELETON, specs, entry.template, label_id))
            else:
                out.append(Label(entry.name, color, LabelKind.ANY, specs, None, label_id))
        return tuple(out)

    def fit(self, label_id: int, values: Mapping[str, Any]) -> dict[str, AttrValue]:
        """`values` fitted to the label's inferred specs (call `labels` first)."""
        if self._specs is None:
            raise RuntimeError("LabelBook.labels() must be called before fit()")
        return coerce_attributes(values, self._specs[label_id]) if values else {}

    def fit_shapes(self, shapes: Iterable[Shape]) -> tuple[Shape, ...]:
        return tuple(
            replace(s, attributes=self.fit(s.label_id, s.attributes)) if s.attributes else s for s in shapes
        )

    def fit_tags(self, tags: Iterable[Tag]) -> tuple[Tag, ...]:
        return tuple(
            replace(t, attributes=self.fit(t.label_id, t.attributes)) if t.attributes else t for t in tags
        )
