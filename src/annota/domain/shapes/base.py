"""The model common to every shape kind and the `ShapeKindOps` protocol that each kind module implements.

Geometry dataclasses check their invariants when built (x1 < x2, enough points, RLE sums...), raising
DomainValidationError located at the wire field (``("points",)``). `Shape` itself trusts its fields: build it
from untrusted data with `codec.shape_from_dict`, which checks everything and reports all problems at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from annota.domain.attributes import AttrValue
from annota.domain.problems import DomainValidationError, Loc, Problem, prefix_problems

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from annota.domain.labels import Label

BBox = tuple[float, float, float, float]


class Source(StrEnum):
    MANUAL = "manual"
    IMPORTED = "imported"
    TRACKER = "tracker"
    MODEL = "model"


class Visibility(StrEnum):
    VISIBLE = "visible"
    OCCLUDED = "occluded"
    OUTSIDE = "outside"


class Geometry:
    """Base class of every kind's frozen geometry dataclass."""

    __slots__ = ()


class NoGeometryError(ValueError):
    """Raised when asking a kind without geometry (a tag) for a spatial answer such as its bbox."""


G = TypeVar("G", bound=Geometry)


class ShapeKindOps(Protocol[G]):
    """What a shape kind module provides. Adding a kind = one module + one line in `registry.KINDS`."""

    @property
    def NAME(self) -> str: ...  # the wire `kind`

    @property
    def FIELDS(self) -> tuple[str, ...]: ...  # the wire geometry fields, e.g. ("points", "rotation")

    @property
    def GEOMETRY(self) -> type[G]: ...

    @property
    def HAS_GEOMETRY(self) -> bool: ...  # False for tags: they live in the tags collection, not shapes

    @property
    def HAS_AREA(self) -> bool: ...  # True where IoU is defined

    def parse(self, fields: Mapping[str, Any], loc: Loc) -> tuple[G | None, list[Problem]]: ...

    def dump(self, g: G) -> dict[str, Any]: ...

    def bbox(self, g: G) -> BBox: ...

    def area(self, g: G) -> float: ...

    def contains(self, g: G, x: float, y: float, tolerance: float = 0.0) -> bool: ...

    def to_shapely(self, g: G) -> BaseGeometry | None: ...

    def translate(self, g: G, dx: float, dy: float) -> G: ...

    def check_label(self, g: G, label: Label, loc: Loc) -> list[Problem]: ...


@dataclass(frozen=True, slots=True)
class Shape:
    """An annotation on one frame. `kind` names its module in `registry.KINDS`; `geometry` is that kind's."""

    id: str
    kind: str
    label_id: int
    frame: int
    geometry: Geometry
    z_order: int = 0
    occluded: bool = False
    outside: bool = False
    attributes: Mapping[str, AttrValue] = field(default_factory=dict)
    group: int | None = None
    source: Source = Source.MANUAL
    score: float | None = None


def build(factory: Callable[..., G], loc: Loc, *args: Any) -> tuple[G | None, list[Problem]]:
    """`factory(*args)`, or the invariant problems it raised, located under `loc`."""
    try:
        return factory(*args), []
    except DomainValidationError as e:
        return None, prefix_problems(loc, e.problems)
