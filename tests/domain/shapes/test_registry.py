import inspect
from typing import Any

import pytest

from annota.domain.labels import LabelKind
from annota.domain.problems import DomainValidationError, ProblemType
from annota.domain.shapes import registry
from annota.domain.shapes.base import ShapeKindOps
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.rectangle import RectangleGeometry

PROTOCOL_MEMBERS = [
    name for name in dir(ShapeKindOps) if not name.startswith("_") and name not in dir(object)
]


def test_every_label_kind_but_any_has_exactly_one_registered_module() -> None:
    assert set(registry.KINDS) == {k.value for k in LabelKind} - {"any"}


@pytest.mark.parametrize("name", sorted(registry.KINDS))
def test_each_kind_module_provides_the_whole_protocol(name: str) -> None:
    ops: Any = registry.KINDS[name]
    assert name == ops.NAME
    for member in PROTOCOL_MEMBERS:
        assert hasattr(ops, member), f"{name} lacks {member}"
    assert list(inspect.signature(ops.contains).parameters) == ["g", "x", "y", "tolerance"]


def test_each_kind_has_its_own_geometry_class() -> None:
    classes = [ops.GEOMETRY for ops in registry.KINDS.values()]
    assert len(set(classes)) == len(classes)


def test_get_kind_returns_the_module() -> None:
    assert registry.get_kind("polygon").NAME == "polygon"


def test_get_kind_raises_a_located_error_for_an_unknown_kind() -> None:
    with pytest.raises(DomainValidationError) as info:
        registry.get_kind("triangle", ("shapes", 1, "kind"))
    [problem] = info.value.problems
    assert problem.loc == ("shapes", 1, "kind")
    assert problem.type == ProblemType.UNKNOWN_KIND
    assert problem.msg.startswith("unknown shape kind 'triangle'; expected one of 'rectangle', ")


def test_kind_of_finds_the_kind_of_a_geometry() -> None:
    assert registry.kind_of(RectangleGeometry(0, 0, 1, 1)).NAME == "rectangle"
    assert registry.kind_of(PolygonGeometry((0, 0, 1, 0, 1, 1))).NAME == "polygon"


def test_kind_of_refuses_an_unregistered_geometry() -> None:
    with pytest.raises(TypeError):
        registry.kind_of(object())  # type: ignore[arg-type]
