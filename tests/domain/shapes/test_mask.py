from typing import Any

import numpy as np
import pycocotools.mask as coco_mask
import pytest
from hypothesis import given
from hypothesis import strategies as st

from annota.domain.problems import DomainValidationError, ProblemType
from annota.domain.shapes import mask
from annota.domain.shapes.mask import MaskGeometry

from ..strategies import bool_arrays, mask_fields

# 3x4 bbox at (2, 1):   . X X .
#                        . X . .
#                        . . . X
BLOB = MaskGeometry(2, 1, 6, 4, (1, 2, 2, 1, 5, 1))


def problems_of(fields: dict[str, Any]) -> list[tuple[Any, str]]:
    g, problems = mask.parse(fields, ("shapes", 0))
    assert g is None
    return [(p.loc, p.type) for p in problems]


def full_image(g: MaskGeometry, width: int, height: int) -> np.ndarray:
    image = np.zeros((height, width), dtype=bool)
    image[g.y1 : g.y2, g.x1 : g.x2] = mask.decode(g)
    return image


def column_major_counts(image: np.ndarray) -> list[int]:
    """Reference COCO counts, written independently of the module under test."""
    counts, current, run = [], False, 0
    for bit in image.ravel(order="F"):
        if bool(bit) != current:
            counts.append(run)
            current, run = bool(bit), 0
        run += 1
    counts.append(run)
    return counts


@given(mask_fields())
def test_dump_inverts_parse(fields: dict[str, Any]) -> None:
    g, problems = mask.parse(fields, ())
    assert problems == []
    assert g is not None
    assert mask.dump(g) == fields


@given(bool_arrays(), st.integers(-5, 50), st.integers(-5, 50))
def test_decode_inverts_encode(array: np.ndarray, x0: int, y0: int) -> None:
    g = mask.encode(array, x0, y0)
    assert (g.x1, g.y1, g.x2, g.y2) == (x0, y0, x0 + array.shape[1], y0 + array.shape[0])
    np.testing.assert_array_equal(mask.decode(g), array)
    assert mask.area(g) == array.sum()


def test_rle_is_row_major_and_starts_with_zeros() -> None:
    expected = np.array([[0, 1, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]], dtype=bool)
    np.testing.assert_array_equal(mask.decode(BLOB), expected)
    assert mask.encode(expected, 2, 1) == BLOB
    assert mask.encode(np.ones((1, 2), dtype=bool)).rle == (0, 2)


def test_rle_sum_must_equal_the_bbox_area() -> None:
    g, problems = mask.parse({"bbox": [0, 0, 2, 2], "rle": [1, 2]}, ("shapes", 7))
    assert g is None
    assert [(p.loc, p.type, p.msg) for p in problems] == [
        (("shapes", 7, "rle"), ProblemType.RLE, "rle covers 3 pixels but the bbox has 2x2 = 4")
    ]


def test_only_the_first_run_may_be_empty() -> None:
    assert problems_of({"bbox": [0, 0, 2, 2], "rle": [1, 0, 3]}) == [
        (("shapes", 0, "rle", 1), ProblemType.RLE)
    ]


def test_negative_runs_and_non_integers_are_located() -> None:
    assert problems_of({"bbox": [0, 0, 2, 2], "rle": [5, -1]}) == [(("shapes", 0, "rle", 1), ProblemType.RLE)]
    assert problems_of({"bbox": [0, 0, 2.5, 2], "rle": [1.0, 3]}) == [
        (("shapes", 0, "bbox", 2), ProblemType.INT_TYPE),
        (("shapes", 0, "rle", 0), ProblemType.INT_TYPE),
    ]


def test_bbox_must_have_four_ordered_numbers() -> None:
    assert problems_of({"bbox": [0, 0, 2], "rle": [6]}) == [(("shapes", 0, "bbox"), ProblemType.WRONG_LENGTH)]
    assert problems_of({"bbox": [2, 0, 2, 2], "rle": []}) == [
        (("shapes", 0, "bbox"), ProblemType.BOUNDS_ORDER)
    ]
    assert problems_of({"rle": [1]}) == [(("shapes", 0, "bbox"), ProblemType.MISSING)]


def test_bbox_is_the_stored_one_and_area_counts_set_pixels() -> None:
    assert mask.bbox(BLOB) == (2.0, 1.0, 6.0, 4.0)
    assert mask.area(BLOB) == 4.0


def test_contains_tests_the_pixel_under_the_point() -> None:
    assert mask.contains(BLOB, 3.0, 1.0)  # pixel (3, 1) covers [3, 4) x [1, 2)
    assert mask.contains(BLOB, 4.99, 1.99)
    assert not mask.contains(BLOB, 5.0, 1.5)
    assert mask.contains(BLOB, 5.5, 3.5)
    assert not mask.contains(BLOB, 100, 100)


def test_contains_with_tolerance_reaches_nearby_set_pixels() -> None:
    assert not mask.contains(BLOB, 2.5, 3.5)
    # the nearest set pixel, (3, 2), covers [3, 4) x [2, 3): its corner is 0.5 px right and 0.5 px up
    assert not mask.contains(BLOB, 2.5, 3.5, tolerance=0.7)
    assert mask.contains(BLOB, 2.5, 3.5, tolerance=0.71)
    assert not mask.contains(BLOB, 0.0, 0.0, tolerance=1.0)


def test_to_shapely_is_the_union_of_pixel_squares() -> None:
    shape = mask.to_shapely(BLOB)
    assert shape.area == 4.0
    assert shape.bounds == (3.0, 1.0, 6.0, 4.0)


def test_translate_moves_by_whole_pixels_only() -> None:
    assert mask.translate(BLOB, 3, -1) == MaskGeometry(5, 0, 9, 3, BLOB.rle)
    with pytest.raises(ValueError, match="whole pixels"):
        mask.translate(BLOB, 0.5, 0)


def test_encode_refuses_a_non_2d_array() -> None:
    with pytest.raises(ValueError, match="2-D"):
        mask.encode(np.zeros(4, dtype=bool))


@given(bool_arrays(max_side=8), st.integers(0, 6), st.integers(0, 6), st.integers(0, 6), st.integers(0, 6))
def test_coco_counts_match_pycocotools(array: np.ndarray, x0: int, y0: int, pad_x: int, pad_y: int) -> None:
    g = mask.encode(array, x0, y0)
    width, height = g.x2 + pad_x, g.y2 + pad_y
    image = full_image(g, width, height)
    counts = mask.to_coco_counts(g, width, height)
    assert counts == column_major_counts(image)
    ours = coco_mask.frPyObjects({"counts": counts, "size": [height, width]}, height, width)
    assert ours["counts"] == coco_mask.encode(np.asfortranarray(image.astype(np.uint8)))["counts"]


@given(bool_arrays(max_side=8), st.integers(0, 6), st.integers(0, 6), st.integers(0, 6), st.integers(0, 6))
def test_from_coco_counts_restores_the_mask_with_a_tight_bbox(
    array: np.ndarray, x0: int, y0: int, pad_x: int, pad_y: int
) -> None:
    if not array.any():
        array = array.copy()
        array[0, 0] = True
    g = mask.encode(array, x0, y0)
    width, height = g.x2 + pad_x, g.y2 + pad_y
    image = full_image(g, width, height)
    restored = mask.from_coco_counts(column_major_counts(image), width, height)
    np.testing.assert_array_equal(full_image(restored, width, height), image)
    rows, cols = np.nonzero(image)
    assert (restored.x1, restored.y1, restored.x2, restored.y2) == (
        cols.min(),
        rows.min(),
        cols.max() + 1,
        rows.max() + 1,
    )


def test_a_run_crossing_columns_stays_one_coco_run() -> None:
    # a full-height 2-column block is one run of 1s in column-major order
    g = mask.encode(np.ones((3, 2), dtype=bool), 1, 0)
    assert mask.to_coco_counts(g, 4, 3) == [3, 6, 3]


def test_coco_counts_refuse_a_mask_outside_the_image() -> None:
    with pytest.raises(DomainValidationError) as info:
        mask.to_coco_counts(BLOB, 5, 5)
    assert info.value.problems[0].loc == ("bbox",)


def test_from_coco_counts_checks_the_total_and_the_foreground() -> None:
    with pytest.raises(DomainValidationError, match="add up to 2x2 = 4"):
        mask.from_coco_counts([1, 2], 2, 2)
    with pytest.raises(DomainValidationError, match="no foreground"):
        mask.from_coco_counts([4], 2, 2)
