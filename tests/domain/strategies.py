"""Hypothesis strategies for valid, normalised wire geometries and shapes (shared by the domain tests)."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st

from annota.domain.shapes import mask

coordinate = st.floats(-1e5, 1e5, allow_nan=False, allow_infinity=False)
extent = st.floats(1e-2, 1e4, allow_nan=False, allow_infinity=False)
rotation = st.floats(0.0, 360.0, exclude_max=True, allow_nan=False)


def flat_points(min_points: int, max_points: int = 12) -> st.SearchStrategy[list[float]]:
    return st.lists(st.tuples(coordinate, coordinate), min_size=min_points, max_size=max_points).map(
        lambda pts: [v for xy in pts for v in xy]
    )


@st.composite
def rectangle_fields(draw: st.DrawFn) -> dict[str, Any]:
    x1, y1, w, h = draw(coordinate), draw(coordinate), draw(extent), draw(extent)
    return {"points": [x1, y1, x1 + w, y1 + h], "rotation": draw(rotation)}


@st.composite
def ellipse_fields(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "points": [draw(coordinate), draw(coordinate), draw(extent), draw(extent)],
        "rotation": draw(rotation),
    }


polygon_fields = flat_points(3).filter(lambda p: (p[0], p[1]) != (p[-2], p[-1])).map(lambda p: {"points": p})
polyline_fields = flat_points(2).map(lambda p: {"points": p})
points_fields = flat_points(1).map(lambda p: {"points": p})


@st.composite
def skeleton_fields(draw: st.DrawFn) -> dict[str, Any]:
    points = draw(flat_points(1))
    visibility = draw(
        st.lists(
            st.sampled_from(["visible", "occluded", "outside"]),
            min_size=len(points) // 2,
            max_size=len(points) // 2,
        )
    )
    return {"points": points, "visibility": visibility}


@st.composite
def bool_arrays(draw: st.DrawFn, max_side: int = 12) -> np.ndarray:
    h = draw(st.integers(1, max_side))
    w = draw(st.integers(1, max_side))
    bits = draw(st.lists(st.booleans(), min_size=h * w, max_size=h * w))
    return np.array(bits, dtype=bool).reshape(h, w)


@st.composite
def mask_fields(draw: st.DrawFn) -> dict[str, Any]:
    g = mask.encode(draw(bool_arrays()), draw(st.integers(0, 500)), draw(st.integers(0, 500)))
    return mask.dump(g)


GEOMETRY_FIELDS: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "rectangle": rectangle_fields(),
    "ellipse": ellipse_fields(),
    "polygon": polygon_fields,
    "polyline": polyline_fields,
    "points": points_fields,
    "skeleton": skeleton_fields(),
    "mask": mask_fields(),
}

attribute_values = st.dictionaries(
    st.text(min_size=1, max_size=8),
    st.one_of(st.text(max_size=8), st.booleans(), st.integers(-1000, 1000), coordinate),
    max_size=3,
)


@st.composite
def shape_dicts(draw: st.DrawFn, kind: str | None = None) -> dict[str, Any]:
    """A valid shape dict in normalised form (every optional field written)."""
    kind = kind or draw(st.sampled_from(sorted(GEOMETRY_FIELDS)))
    d: dict[str, Any] = {
        "id": draw(st.uuids()).hex,
        "kind": kind,
        "label_id": draw(st.integers(1, 50)),
        "frame": draw(st.integers(0, 10_000)),
    }
    d.update(draw(GEOMETRY_FIELDS[kind]))
    d.update(
        z_order=draw(st.integers(-10, 10)),
        occluded=draw(st.booleans()),
        outside=draw(st.booleans()),
        attributes=draw(attribute_values),
        group=draw(st.none() | st.integers(0, 100)),
        source=draw(st.sampled_from(["manual", "imported", "tracker", "model"])),
        score=draw(st.none() | st.floats(0.0, 1.0)),
    )
    return d
