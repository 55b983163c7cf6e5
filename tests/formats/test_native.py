"""annota JSON Lines: lossless round trips of generated datasets, versions, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annota.domain.labels import Label, LabelKind
from annota.domain.shapes.base import Shape
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.formats.base import Dataset, FormatError, Item, ReadOptions, WriteOptions
from annota.formats.native import FILE, FORMAT
from annota.formats.output import FolderOutput

LABELS = (
    Label("car", "#ff0000", LabelKind.ANY, (), None, 7),
    Label("tree", "#00ff00", LabelKind.ANY, (), None, 9),
)
coordinate = st.floats(0, 1000, allow_nan=False)


@st.composite
def shapes(draw: st.DrawFn, frame: int) -> Shape:
    x, y = draw(coordinate), draw(coordinate)
    w, h = draw(st.floats(0.5, 100)), draw(st.floats(0.5, 100))
    if draw(st.booleans()):
        geometry: object = RectangleGeometry(x, y, x + w, y + h, draw(st.floats(0, 359.9)))
        kind = "rectangle"
    else:
        geometry, kind = PolygonGeometry((x, y, x + w, y, x + w, y + h)), "polygon"
    return Shape(str(draw(st.uuids())), kind, draw(st.sampled_from([7, 9])), frame, geometry,  # type: ignore[arg-type]
                 z_order=draw(st.integers(-5, 5)), occluded=draw(st.booleans()))  # fmt: skip


@st.composite
def items(draw: st.DrawFn) -> list[Item]:
    count = draw(st.integers(0, 4))
    return [Item(f"img{i}.jpg", draw(st.sampled_from(["", "train"])), i, 100, 80, None,
                 tuple(draw(st.lists(shapes(i), max_size=3)))) for i in range(count)]  # fmt: skip


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(generated=items())
def test_native_round_trip_is_lossless(
    generated: list[Item], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("native")
    FORMAT.write(Dataset(LABELS, generated), FolderOutput(folder), WriteOptions())
    again = FORMAT.read(folder, ReadOptions())
    assert again.labels == LABELS
    assert list(again.items) == generated


def test_native_refuses_a_newer_version_at_its_line(tmp_path: Path) -> None:
    (tmp_path / FILE).write_text('{"format": "annota", "version": 99, "labels": []}\n')
    with pytest.raises(FormatError) as caught:
        FORMAT.read(tmp_path, ReadOptions())
    assert caught.value.lines() == [
        "annota.jsonl:1: version: unsupported version 99: this annota reads versions 1..1"
    ]


def test_native_reports_bad_shapes_with_line_and_path(tmp_path: Path) -> None:
    header = '{"format": "annota", "version": 1, "labels": [{"id": 1, "name": "car", "color": "#ff0000", "kind": "any"}]}'  # noqa: E501
    item = '{"item": {"name": "a.jpg", "frame": 0, "shapes": [{"id": "s", "kind": "rectangle", "label_id": 1, "frame": 0, "points": [1, 2, 3]}]}}'  # noqa: E501
    (tmp_path / FILE).write_text(header + "\n" + item + "\n")
    with pytest.raises(FormatError) as caught:
        list(FORMAT.read(tmp_path, ReadOptions()).items)
    assert caught.value.lines() == [
        "annota.jsonl:2: item.shapes[0].points: rectangle points are [x1, y1, x2, y2], got 3 numbers"
    ]
