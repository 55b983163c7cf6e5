import pytest

from annota.domain.shapes import tag
from annota.domain.shapes.base import NoGeometryError
from annota.domain.shapes.registry import get_kind
from annota.domain.shapes.tag import TagGeometry


def test_a_tag_has_no_geometry_fields() -> None:
    g, problems = tag.parse({"points": [1, 2]}, ())
    assert (g, problems) == (TagGeometry(), [])
    assert tag.dump(TagGeometry()) == {}
    assert tag.FIELDS == ()
    assert not tag.HAS_GEOMETRY


def test_a_tag_answers_no_spatial_question() -> None:
    with pytest.raises(NoGeometryError):
        tag.bbox(TagGeometry())
    assert tag.area(TagGeometry()) == 0.0
    assert not tag.contains(TagGeometry(), 0, 0, tolerance=100)
    assert get_kind("tag").to_shapely(TagGeometry()) is None
    assert tag.translate(TagGeometry(), 1, 1) == TagGeometry()
