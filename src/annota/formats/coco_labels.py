"""COCO categories to labels: merged by name across files, made once every annotation has been seen.

A category is a label of kind ``any``, or a skeleton when it lists keypoints (or when an annotation has
some); a skeleton category also gets the companion label ``<category>:region`` for its boxes and polygons.
Attribute specs are inferred from the values the annotations carry (`infer_attribute_specs`), so labels can
only be made after the last annotation: `Categories` keeps what is needed (per attribute, the kinds of value
seen and a number's bounds), not the values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from annota.domain.attributes import AttributeKind, AttributeSpec, AttrValue
from annota.domain.labels import Label, LabelKind, SkeletonPoint, SkeletonTemplate
from annota.formats.base import ProblemLog, infer_attribute_specs
from annota.formats.colors import color_for

REGION_SUFFIX = ":region"


@dataclass
class Category:
    name: str
    index: int  # position among the categories, all files together
    keypoints: list[str] | None = None  # None: not a keypoint category
    edges: list[tuple[int, int]] = field(default_factory=list)
    max_points: int = 0
    # attribute name -> {value kind: representative values}: enough for `infer_attribute_specs`
    attributes: dict[str, dict[str, list[AttrValue]]] = field(default_factory=dict)

    def saw_attributes(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            if not isinstance(name, str) or not name:
                continue
            if isinstance(value, bool):
                seen = self.attributes.setdefault(name, {}).setdefault("checkbox", [value])
            elif isinstance(value, int | float) and math.isfinite(value):
                seen = self.attributes.setdefault(name, {}).setdefault("number", [value, value])
                seen[0], seen[1] = min(seen[0], value), max(seen[1], value)
            elif isinstance(value, str):
                self.attributes.setdefault(name, {}).setdefault("text", [value])

    def saw_keypoints(self, count: int) -> None:
        self.max_points = max(self.max_points, count)
        if self.keypoints is None:
            self.keypoints = []


@dataclass(frozen=True, slots=True)
class LabelIds:
    """What records of a category need once labels are made: their label ids and how to finish them."""

    own: int  # the category's label (a skeleton's shapes)
    region: int  # boxes, polygons and masks (the same as `own` unless the category is a skeleton)
    # the region label's specs when some is text (their values must then be written as strings), else None
    text_specs: tuple[AttributeSpec, ...] | None
    points: int  # a skeleton's template size


class Categories:
    """Every file's categories merged by name; `read` maps one file's category ids to them."""

    def __init__(self, log: ProblemLog) -> None:
        self.log = log
        self.by_name: dict[str, Category] = {}

    def read(self, file: str, raw: object) -> dict[int, Category]:
        by_id: dict[int, Category] = {}
        if not isinstance(raw, list):
            self.log.add(file, "expected a list of categories", "list_type", ("categories",))
            return by_id
        for i, c in enumerate(raw):
            loc = ("categories", i)
            if not isinstance(c, dict):
                self.log.add(file, "expected an object", "dict_type", loc)
                continue
            cid, name = c.get("id"), c.get("name")
            if not _is_int(cid):
                self.log.add(file, f"expected an integer id, got {cid!r}", "int_type", (*loc, "id"))
                continue
            if not isinstance(name, str) or not name.strip():
                self.log.add(file, f"expected a non-empty name, got {name!r}", "string_type", (*loc, "name"))
                continue
            if cid in by_id:
                self.log.add(file, f"category id {cid} is used twice", "duplicate", (*loc, "id"))
                continue
            category = self.by_name.get(name)
            if category is None:
                category = self.by_name[name] = Category(name, len(self.by_name))
            by_id[cid] = category  # type: ignore[index]  # an int: checked above
            keypoints = c.get("keypoints")
            if isinstance(keypoints, list):
                category.keypoints = [str(k) for k in keypoints] if keypoints else category.keypoints or []
                category.edges = self._edges(file, loc, c.get("skeleton")) or category.edges
        return by_id

    def _edges(self, file: str, loc: tuple[Any, ...], raw: object) -> list[tuple[int, int]]:
        if raw is None:
            return []
        pairs = raw if isinstance(raw, list) else None
        if pairs is None or not all(
            isinstance(p, list) and len(p) == 2 and all(map(_is_int, p)) for p in pairs
        ):
            self.log.add(file, "expected a list of [i, j] point pairs", "format.coco", (*loc, "skeleton"))
            return []
        # COCO numbers skeleton points from 1; some tools write 0-based pairs: a 0 tells them apart.
        base = 0 if any(0 in p for p in pairs) else 1
        return [(p[0] - base, p[1] - base) for p in pairs]

    def labels(self) -> tuple[list[Label], list[LabelIds]]:
        """The labels (dataset ids 0, 1, ... in order), and per category index the ids its records take."""
        labels: dict[str, Label] = {}

        def add(name: str, color: str, kind: LabelKind, specs: Any, template: Any) -> None:
            labels[name] = Label(name, color, kind, specs, template, len(labels))

        for position, category in enumerate(self.by_name.values()):
            specs = infer_attribute_specs(
                (name, value) for name, kinds in category.attributes.items() for values in kinds.values()
                for value in values
            )  # fmt: skip
            color = color_for(position)
            if category.keypoints is None:
                if category.name not in labels:
                    add(category.name, color, LabelKind.ANY, specs, None)
                continue
            add(category.name, color, LabelKind.SKELETON, (), _template(category))
            region_name = category.name + REGION_SUFFIX
            if region_name not in self.by_name:
                add(region_name, color, LabelKind.ANY, specs, None)
        ids = []
        for category in self.by_name.values():
            own = labels[category.name]
            region = labels.get(category.name + REGION_SUFFIX, own)
            text = any(spec.kind is AttributeKind.TEXT for spec in region.attributes)
            points = len(own.skeleton.points) if own.skeleton else 0
            ids.append(LabelIds(own.id or 0, region.id or 0, region.attributes if text else None, points))
        return list(labels.values()), ids


def _template(category: Category) -> SkeletonTemplate:
    names = list(category.keypoints or [])
    names += [str(i + 1) for i in range(len(names), max(category.max_points, 1))]
    n = len(names)
    points = tuple(SkeletonPoint(name, round((i + 0.5) / n, 6), 0.5) for i, name in enumerate(names))
    edges = tuple(
        dict.fromkeys(e for e in category.edges if 0 <= e[0] < n and 0 <= e[1] < n and e[0] != e[1])
    )
    return SkeletonTemplate(points, edges)


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)
