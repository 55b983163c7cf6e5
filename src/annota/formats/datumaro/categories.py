"""Datumaro categories: labels (with their parent), points (skeleton points and joints), mask colours."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annota.domain import wire
from annota.domain.problems import Loc, Problem, ProblemType
from annota.formats import png_masks
from annota.formats.label_book import read_label_name


@dataclass
class Category:
    name: str
    parent: str
    points: tuple[str, ...] = ()
    joints: tuple[tuple[int, int], ...] = ()


def read_categories(raw: object, problems: list[Problem]) -> list[Category]:
    """The labels of ``categories.label.labels`` in order, with the points and joints of their skeleton."""
    m = wire.require_mapping(raw, ("categories",), problems)
    label = wire.require_mapping((m or {}).get("label", {}), ("categories", "label"), problems) or {}
    out: list[Category] = []
    raw_labels = label.get("labels", [])
    if not isinstance(raw_labels, list):
        problems.append(Problem(("categories", "label", "labels"), "expected a list", ProblemType.LIST_TYPE))
        raw_labels = []
    for i, entry in enumerate(raw_labels):
        loc: Loc = ("categories", "label", "labels", i)
        c = wire.require_mapping(entry, loc, problems)
        name = read_label_name((c or {}).get("name"), (*loc, "name"), problems) if c is not None else None
        parent = (c or {}).get("parent") or ""
        out.append(Category(name or f"label_{i}", parent if isinstance(parent, str) else ""))
    for j, entry in enumerate(at(m, "points", "items") or []):
        loc = ("categories", "points", "items", j)
        p = wire.require_mapping(entry, loc, problems)
        if p is None:
            continue
        index = p.get("label_id")
        if not (isinstance(index, int) and 0 <= index < len(out)):
            problems.append(Problem((*loc, "label_id"), f"no label {index!r}", ProblemType.UNKNOWN_LABEL))
            continue
        names = tuple(str(n) for n in at(p, "labels") or [])
        out[index].points = names
        out[index].joints = joints(p.get("joints") or [], (*loc, "joints"), problems)
    return out


def skeleton_labels(doc: object) -> set[str]:
    """Names of the labels that skeleton annotations of a document use."""
    if not isinstance(doc, dict):
        return set()
    labels = at(doc, "categories", "label", "labels")
    names = [c.get("name") if isinstance(c, dict) else None for c in labels or []]
    found: set[str] = set()
    raw_items = doc.get("items")
    for raw in raw_items if isinstance(raw_items, list) else []:
        for a in (raw.get("annotations") or []) if isinstance(raw, dict) else []:
            index = a.get("label_id") if isinstance(a, dict) and a.get("type") == "skeleton" else None
            name = names[index] if isinstance(index, int) and 0 <= index < len(names) else None
            if isinstance(name, str):
                found.add(name)
    return found


def joints(raw: object, loc: Loc, problems: list[Problem]) -> tuple[tuple[int, int], ...]:
    pairs = raw if isinstance(raw, list) else None
    if pairs is None or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(v, int) for v in p) for p in pairs
    ):
        problems.append(Problem(loc, "expected a list of [i, j] point pairs", ProblemType.LIST_TYPE))
        return ()
    # Datumaro numbers joints from 1, like COCO; some files are 0-based: a 0 tells them apart.
    base = 0 if any(0 in p for p in pairs) else 1
    return tuple((p[0] - base, p[1] - base) for p in pairs)


def colors(raw: Any, n: int) -> dict[int, str]:
    colormap = at(raw, "mask", "colormap")
    out = {}
    for entry in colormap if isinstance(colormap, list) else []:
        if not isinstance(entry, dict):
            continue
        index, rgb = entry.get("label_id"), tuple(entry.get(k) for k in "rgb")
        if (
            isinstance(index, int)
            and 0 <= index < n
            and all(isinstance(v, int) and 0 <= v <= 255 for v in rgb)
        ):
            out[index] = png_masks.hex_color(rgb)  # type: ignore[arg-type]
    return out


def at(doc: object, *keys: str) -> list[Any] | None:
    """The list at ``doc[k1][k2]...``, or None when any step is missing or of the wrong type."""
    for key in keys:
        if not isinstance(doc, dict):
            return None
        doc = doc.get(key)
    return doc if isinstance(doc, list) else None
