"""An item's records as the body of its CVAT ``<image>`` element: shapes, then tags.

Boxes and vertex lists are written straight from their stored fields with the label's name quoted once;
ellipses, masks and skeletons go through their domain geometry (`cvat_shapes.geometry_attrs`).
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from annota.domain.labels import Label
from annota.domain.shapes.base import Source
from annota.domain.shapes.registry import get_kind
from annota.formats.cvat_shapes import (
    SOURCE_OUT,
    TAG_OF,
    attributes_xml,
    element,
    geometry_attrs,
    skeleton_points_xml,
)
from annota.formats.records import RecordItem, ShapeRecord

_SOURCE = {source.value: SOURCE_OUT[source] for source in Source}
_VERTICES = frozenset({"polygon", "polyline", "points"})


class ImageBody:
    """``body(item)``: the XML inside the item's ``<image>``, for labels by dataset id."""

    def __init__(self, labels: dict[int | None, Label]) -> None:
        self.labels = labels
        self.quoted = {label_id: quoteattr(label.name) for label_id, label in labels.items()}

    def __call__(self, item: RecordItem) -> str:
        parts = [self._shape(record) for record in item.shapes if record["label_id"] in self.labels]
        for tag in item.tags:
            label = self.labels.get(tag["label_id"])
            if label is not None:
                attrs = {"label": label.name, "source": _SOURCE[tag["source"]]}
                parts.append(element("tag", attrs, attributes_xml(tag["attributes"])))
        return "".join(parts)

    def _shape(self, record: ShapeRecord) -> str:
        kind, fields = record["kind"], record["geometry"]
        head = (
            f'<{TAG_OF[kind]} label={self.quoted[record["label_id"]]} source="{_SOURCE[record["source"]]}"'
            f' occluded="{1 if record["occluded"] else 0}" z_order="{record["z_order"]}"'
        )
        if kind == "rectangle":
            x1, y1, x2, y2 = fields["points"]
            head += f' xtl="{x1!r}" ytl="{y1!r}" xbr="{x2!r}" ybr="{y2!r}" rotation="{fields["rotation"]!r}"'
        elif kind in _VERTICES:
            p = fields["points"]
            head += ' points="' + ";".join(f"{p[i]!r},{p[i + 1]!r}" for i in range(0, len(p), 2)) + '"'
        else:
            parsed, _ = get_kind(kind).parse(fields, ())  # stored geometry: valid
            head += "".join(f" {k}={quoteattr(v)}" for k, v in geometry_attrs(parsed, kind).items())
        if record["group"]:
            head += f' group_id="{record["group"]}"'
        body = attributes_xml(record["attributes"]) if record["attributes"] else ""
        if kind == "skeleton":
            parsed, _ = get_kind(kind).parse(fields, ())
            body += skeleton_points_xml(parsed, self.labels[record["label_id"]])  # type: ignore[arg-type]
        return f"{head}>{body}</{TAG_OF[kind]}>"
