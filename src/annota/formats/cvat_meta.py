"""CVAT 1.1 XML ``<labels>``: labels with attribute specs and skeleton templates (svg), read and written.

Sub-labels of a skeleton (``<parent>``) are its template points, not labels of their own. A shape with an
empty label (CVAT allows it) goes to the label ``unlabeled``, created when needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.etree.ElementTree import Element
from xml.sax.saxutils import escape

from annota.domain.attributes import AttributeKind, AttributeSpec
from annota.domain.labels import Label, LabelKind, SkeletonPoint, SkeletonTemplate
from annota.domain.problems import DomainValidationError
from annota.formats.base import ProblemLog
from annota.formats.colors import color_for

UNLABELED = "unlabeled"
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_KINDS = {k.value: k for k in LabelKind} | {"rectangle": LabelKind.RECTANGLE}
_CIRCLE = re.compile(r"<circle[^>]*>")
_LINE = re.compile(r"<line[^>]*>")
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')


def _text(element: Element | None, tag: str, default: str = "") -> str:
    found = element.find(tag) if element is not None else None
    return (found.text or "").strip() if found is not None and found.text is not None else default


def read_labels(meta: Element | None, file: str, log: ProblemLog) -> list[Label]:
    """Labels of ``meta/task/labels`` or ``meta/project/labels``, ids 0..n-1 in document order."""
    elements = (
        meta.findall("./task/labels/label") + meta.findall("./project/labels/label")
        if meta is not None
        else []
    )
    children: dict[str, list[str]] = {}
    for element in elements:
        parent = _text(element, "parent")
        if parent:
            children.setdefault(parent, []).append(_text(element, "name"))
    labels: list[Label] = []
    for i, element in enumerate(elements):
        name = _text(element, "name")
        if _text(element, "parent") or any(label.name == name for label in labels):
            continue
        color = _text(element, "color").lower()
        color = color if _COLOR.fullmatch(color) else color_for(len(labels))
        kind = _KINDS.get(_text(element, "type", "any"), LabelKind.ANY)
        specs = []
        for j, attribute in enumerate(element.findall("./attributes/attribute")):
            try:
                specs.append(_spec(attribute))
            except (DomainValidationError, ValueError) as error:
                log.add(
                    file, f"invalid attribute: {error}", "format.cvat", ("meta", "labels", i, "attributes", j)
                )
        template = (
            _template(_text(element, "svg"), children.get(name, [])) if kind is LabelKind.SKELETON else None
        )
        try:
            labels.append(Label(name or UNLABELED, color, kind, tuple(specs), template, len(labels)))
        except DomainValidationError as error:
            log.add(file, str(error), "format.cvat", ("meta", "labels", i))
    return labels


def _spec(element: Element) -> AttributeSpec:
    name = _text(element, "name")
    kind = AttributeKind(_text(element, "input_type"))
    raw_values = _text(element, "values")
    values = raw_values.split("\n") if "\n" in raw_values else raw_values.split()
    values = [v.strip() for v in values if v.strip()]
    default = _text(element, "default_value")
    mutable = _text(element, "mutable").lower() == "true"
    if kind in (AttributeKind.SELECT, AttributeKind.RADIO):
        return AttributeSpec(name, kind, tuple(values), default if default in values else None, mutable)
    if kind is AttributeKind.CHECKBOX:
        return AttributeSpec(name, kind, (), default.lower() == "true", mutable)
    if kind is AttributeKind.NUMBER:
        numbers = [float(v) for v in values]
        if len(numbers) == 3 and numbers[0] <= numbers[1] and numbers[2] > 0:
            lo, hi, step = numbers[0], numbers[1], numbers[2]
        else:
            lo, hi, step = min(numbers, default=0.0), max(numbers, default=0.0), None
        number = float(default) if default else None
        if number is not None and not lo <= number <= hi:
            number = None
        spec = AttributeSpec(name, kind, (), number, mutable, min=lo, max=hi, step=step)
        return (
            spec
            if number is None or not spec.validate_value(number)
            else AttributeSpec(name, kind, (), None, mutable, min=lo, max=hi, step=step)
        )
    return AttributeSpec(name, kind, (), default, mutable)


def _template(svg: str, point_names: list[str]) -> SkeletonTemplate:
    """Points from the svg's circles (``data-label-name``, cx, cy in a 0..100 box), edges from its lines."""
    circles = [dict(_ATTR.findall(c)) for c in _CIRCLE.findall(svg)]
    by_node: dict[str, int] = {}
    points: list[SkeletonPoint] = []
    for circle in circles:
        name = circle.get("data-label-name") or circle.get("data-node-id") or str(len(points) + 1)
        x = min(max(float(circle.get("cx", "50")) / 100, 0.0), 1.0)
        y = min(max(float(circle.get("cy", "50")) / 100, 0.0), 1.0)
        by_node[circle.get("data-node-id", name)] = len(points)  # type: ignore[index]
        points.append(SkeletonPoint(name, x, y))
    for name in point_names:
        if all(p.name != name for p in points):
            points.append(SkeletonPoint(name, 0.5, 0.5))
    edges = []
    for line in (dict(_ATTR.findall(x)) for x in _LINE.findall(svg)):
        a, b = by_node.get(line.get("data-node-from") or ""), by_node.get(line.get("data-node-to") or "")
        if a is not None and b is not None and a != b and (a, b) not in edges and (b, a) not in edges:
            edges.append((a, b))
    return SkeletonTemplate(tuple(points) or (SkeletonPoint("1", 0.5, 0.5),), tuple(edges))


def write_labels(labels: Iterable[Label]) -> str:
    out = ["<labels>"]
    for label in labels:
        out.append(
            f"<label><name>{escape(label.name)}</name><color>{label.color}</color>"
            f"<type>{label.kind.value}</type><attributes>"
        )
        for spec in label.attributes:
            out.append(_spec_xml(spec))
        out.append("</attributes>")
        if label.skeleton is not None:
            out.append(f"<svg>{escape(_svg(label.skeleton))}</svg>")
        out.append("</label>")
        if label.skeleton is not None:
            for point in label.skeleton.points:
                out.append(
                    f"<label><name>{escape(point.name)}</name><type>points</type><attributes></attributes>"
                    f"<parent>{escape(label.name)}</parent></label>"
                )
    out.append("</labels>")
    return "".join(out)


def _spec_xml(spec: AttributeSpec) -> str:
    if spec.kind is AttributeKind.NUMBER:
        values = [spec.min, spec.max] + ([spec.step] if spec.step else [])
        values_text = "\n".join(repr(v) for v in values)
    elif spec.kind is AttributeKind.CHECKBOX:
        values_text = "false\ntrue"
    else:
        values_text = "\n".join(spec.values)
    default = spec.effective_default
    default_text = str(default).lower() if isinstance(default, bool) else str(default)
    return (
        f"<attribute><name>{escape(spec.name)}</name><mutable>{spec.mutable}</mutable>"
        f"<input_type>{spec.kind.value}</input_type><default_value>{escape(default_text)}</default_value>"
        f"<values>{escape(values_text)}</values></attribute>"
    )


def _svg(template: SkeletonTemplate) -> str:
    parts = []
    for i, j in template.edges:
        a, b = template.points[i], template.points[j]
        parts.append(
            f'<line x1="{a.x * 100}" y1="{a.y * 100}" x2="{b.x * 100}" y2="{b.y * 100}" '
            f'data-type="edge" data-node-from="{i + 1}" data-node-to="{j + 1}"></line>'
        )
    for k, p in enumerate(template.points):
        name = p.name.replace('"', "&quot;")
        parts.append(
            f'<circle r="1.5" cx="{p.x * 100}" cy="{p.y * 100}" data-type="element node" '
            f'data-element-id="{k + 1}" data-node-id="{k + 1}" data-label-name="{name}"></circle>'
        )
    return "".join(parts)
