"""docs/geometry.md documents every registered kind and its wire fields, so it cannot silently go stale."""

from pathlib import Path

import pytest

from annota.domain.shapes.registry import KINDS

DOC = Path(__file__).resolve().parents[2] / "docs" / "geometry.md"


def table_row(kind: str, table: str) -> str:
    lines = DOC.read_text(encoding="utf-8").split("\n## ")
    section = next(s for s in lines if s.startswith(table))
    return next(line for line in section.splitlines() if line.startswith(f"| {kind} |"))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_fields_table_names_each_kind_with_its_wire_fields(kind: str) -> None:
    row = table_row(kind, "Kinds and their fields")
    for field in KINDS[kind].FIELDS:
        assert f"`{field}" in row, f"docs/geometry.md does not name {kind}.{field}"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_measures_table_defines_bbox_area_and_hit_test_of_each_kind(kind: str) -> None:
    assert table_row(kind, "Bounding box, area, hit test").count("|") == 5
