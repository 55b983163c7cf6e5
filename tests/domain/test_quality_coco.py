"""Quality matching against pycocotools' COCOeval, the independent implementation, on the same data.

With greedy matching by score and labels compared strictly (COCO evaluates each category on its own), our
pairs are COCOeval's pairs and our recall per label is its recall at the threshold. Settings COCO has and we
do not use: crowd regions (none here), area ranges (one range, everything) and the cap on detections per
image (raised above what the data holds).

Definitional differences, and how the data avoids them:
- COCO rasterises polygons before measuring them; annota measures the exact polygon. On polygons whose
  vertices are on integer pixel corners and whose edges are axis-aligned, both are exact, so they are used.
- COCO's OKS ignores annotated keypoints that are absent (v=0) from the ground truth; annota counts a point
  present on one side only as a miss. The annotated skeletons mark those points `outside`, as COCO implies.
- COCO's OKS takes the object's area from the dataset; annota takes the box around the reference's present
  points. The ground truth's `area` is set to that box.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from typing import Any

import numpy as np
import pycocotools.mask as coco_mask
import pytest
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

from annota.domain.quality import FrameObject, LabelMatching, MatchMethod, QualitySettings, compare
from annota.domain.quality.measures.areal import iou_matrices
from annota.domain.shapes import mask
from annota.domain.shapes.base import Visibility
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.shapes.skeleton import SkeletonGeometry

IMAGES = 6
WIDTH, HEIGHT = 64, 48
KEYPOINTS = 5
COCO_LIKE = dict(method=MatchMethod.GREEDY, label_matching=LabelMatching.PER_LABEL)


def run_cocoeval(
    iou_type: str, gts: list[dict[str, Any]], dts: list[dict[str, Any]], threshold: float
) -> COCOeval:
    gts, dts = [dict(g) for g in gts], [dict(d) for d in dts]  # COCOeval rewrites segmentations in place
    with contextlib.redirect_stdout(io.StringIO()):  # pycocotools prints progress
        gt = COCO()
        gt.dataset = {
            "images": [{"id": i, "width": WIDTH, "height": HEIGHT} for i in range(IMAGES)],
            "annotations": gts,
            "categories": [
                {"id": 1, "name": "a", "keypoints": [str(k) for k in range(KEYPOINTS)]},
                {"id": 2, "name": "b"},
            ],
        }
        gt.createIndex()
        dt = gt.loadRes(dts)
        evaluation = COCOeval(gt, dt, iou_type)
        evaluation.params.iouThrs = np.array([threshold])
        evaluation.params.areaRng = [[0.0, 1e10]]
        evaluation.params.areaRngLbl = ["all"]
        evaluation.params.maxDets = [1000]
        evaluation.params.kpt_oks_sigmas = np.full(KEYPOINTS, 0.09)
        evaluation.evaluate()
        evaluation.accumulate()
    return evaluation


def coco_pairs(evaluation: COCOeval) -> set[tuple[str, str]]:
    """(detection id, ground-truth id) of every pair COCOeval made."""
    pairs = set()
    for image in evaluation.evalImgs:
        if image is None:
            continue
        for dt_id, gt_id in zip(image["dtIds"], image["dtMatches"][0], strict=True):
            if gt_id > 0:
                pairs.add((str(dt_id), str(int(gt_id))))
    return pairs


def our_pairs(report: Any) -> set[tuple[str, str]]:
    return {(m.annotation_id, m.reference_id) for frame in report.frames for m in frame.matches}


def objects_by_frame(
    anns: list[dict[str, Any]], geometry: Callable[[dict[str, Any]], Any], kind: str
) -> dict[int, list[FrameObject]]:
    out: dict[int, list[FrameObject]] = {i: [] for i in range(IMAGES)}
    for a in anns:
        out[a["image_id"]].append(
            FrameObject(
                str(a["id"]), a["image_id"], kind, a["category_id"], geometry(a), score=a.get("score")
            )
        )
    return out


def assert_same_as_cocoeval(evaluation: COCOeval, report: Any, gts: list[dict[str, Any]]) -> None:
    assert our_pairs(report) == coco_pairs(evaluation)
    assert report.counts.matched == len(coco_pairs(evaluation)) > 0
    for k, category in enumerate(evaluation.params.catIds):
        coco_recall = evaluation.eval["recall"][0, k, 0, 0]
        if any(g["category_id"] == category for g in gts):
            assert report.labels[category].recall == pytest.approx(coco_recall, abs=1e-12)


def perturbed_boxes(rng: np.random.Generator) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Ground-truth boxes, and detections that move, resize, drop, duplicate and invent some of them."""
    gts, dts = [], []
    for image in range(IMAGES):
        for _ in range(int(rng.integers(3, 9))):
            x, y = rng.uniform(0, WIDTH - 10), rng.uniform(0, HEIGHT - 10)
            w, h = rng.uniform(3, 20), rng.uniform(3, 20)
            category = int(rng.integers(1, 3))
            gts.append(
                {
                    "id": len(gts) + 1,
                    "image_id": image,
                    "category_id": category,
                    "bbox": [x, y, w, h],
                    "area": w * h,
                    "iscrowd": 0,
                }
            )
            for _ in range(int(rng.choice([0, 1, 1, 1, 2]))):  # missed, found, found twice
                jitter = rng.normal(0, 1.2, 4)
                box = [x + jitter[0], y + jitter[1], max(w + jitter[2], 1.0), max(h + jitter[3], 1.0)]
                dts.append(
                    {
                        "image_id": image,
                        "category_id": category if rng.random() > 0.1 else 3 - category,
                        "bbox": box,
                        "score": float(rng.random()),
                    }
                )
        for _ in range(int(rng.integers(0, 3))):
            box = [
                rng.uniform(0, WIDTH - 10),
                rng.uniform(0, HEIGHT - 10),
                rng.uniform(3, 20),
                rng.uniform(3, 20),
            ]
            dts.append(
                {
                    "image_id": image,
                    "category_id": int(rng.integers(1, 3)),
                    "bbox": box,
                    "score": float(rng.random()),
                }
            )
    for i, d in enumerate(dts):
        d["id"] = i + 1  # what COCO.loadRes numbers them anyway
    return gts, dts


def rectangle(a: dict[str, Any]) -> RectangleGeometry:
    x, y, w, h = a["bbox"]
    return RectangleGeometry(x, y, x + w, y + h)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("threshold", [0.5, 0.7])
def test_box_pairs_and_recall_are_cocoevals(seed: int, threshold: float) -> None:
    gts, dts = perturbed_boxes(np.random.default_rng(seed))
    evaluation = run_cocoeval("bbox", gts, dts, threshold)
    report = compare(
        objects_by_frame(dts, rectangle, "rectangle"),
        objects_by_frame(gts, rectangle, "rectangle"),
        range(IMAGES),
        QualitySettings(iou_threshold=threshold, low_overlap_threshold=threshold, **COCO_LIKE),
    )
    assert_same_as_cocoeval(evaluation, report, gts)
    assert report.counts.annotated == len(dts) and report.counts.reference == len(gts)


@pytest.mark.parametrize("seed", range(3))
def test_box_iou_matrices_are_cocoevals(seed: int) -> None:
    gts, dts = perturbed_boxes(np.random.default_rng(seed))
    evaluation = run_cocoeval("bbox", gts, dts, 0.5)
    annotated = objects_by_frame(dts, rectangle, "rectangle")
    reference = objects_by_frame(gts, rectangle, "rectangle")
    checked = 0
    for (image, category), coco_ious in evaluation.ious.items():
        if len(coco_ious) == 0:
            continue
        # COCOeval orders detections by decreasing score (rows) and keeps ground truths in order (columns)
        dt = sorted((o for o in annotated[image] if o.label_id == category), key=lambda o: -(o.score or 0))
        gt = [o for o in reference[image] if o.label_id == category]
        (ours,) = iou_matrices([(dt, gt)], QualitySettings())
        np.testing.assert_allclose(ours, coco_ious, rtol=0, atol=1e-12)
        checked += 1
    assert checked > 5


def random_masks(
    rng: np.random.Generator,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Blob masks as COCO RLEs (and as arrays, under "_array"), detections shifted and speckled."""
    gts, dts = [], []
    for image in range(IMAGES):
        for _ in range(int(rng.integers(2, 6))):
            blob = np.zeros((HEIGHT, WIDTH), dtype=np.uint8)
            x, y = int(rng.integers(0, WIDTH - 16)), int(rng.integers(0, HEIGHT - 16))
            blob[y : y + int(rng.integers(4, 16)), x : x + int(rng.integers(4, 16))] = 1
            blob &= (rng.random(blob.shape) > 0.05).astype(np.uint8)
            if not blob.any():
                continue
            category = int(rng.integers(1, 3))
            gts.append(
                {
                    "id": len(gts) + 1,
                    "_array": blob,
                    "image_id": image,
                    "category_id": category,
                    "iscrowd": 0,
                    "segmentation": _rle(blob),
                    "area": float(blob.sum()),
                    "bbox": list(coco_mask.toBbox(_rle(blob))),
                }
            )
            if rng.random() < 0.8:
                moved = np.roll(blob, (int(rng.integers(-1, 2)), int(rng.integers(-1, 2))), axis=(0, 1))
                moved |= (rng.random(blob.shape) > 0.995).astype(np.uint8)
                dts.append(
                    {
                        "id": len(dts) + 1,
                        "_array": moved,
                        "image_id": image,
                        "category_id": category,
                        "segmentation": _rle(moved),
                        "score": float(rng.random()),
                    }
                )
    return gts, dts


def without_arrays(anns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in a.items() if k != "_array"} for a in anns]


def _polygon_rle(polygons: list[list[float]]) -> dict[str, Any]:
    rle = coco_mask.merge(coco_mask.frPyObjects(polygons, HEIGHT, WIDTH))
    rle["counts"] = rle["counts"].decode("ascii")
    return rle


def _rle(array: np.ndarray) -> dict[str, Any]:
    rle = coco_mask.encode(np.asfortranarray(array))
    rle["counts"] = rle["counts"].decode("ascii")
    return rle


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("threshold", [0.3, 0.5])
def test_mask_pairs_and_recall_are_cocoevals_segm(seed: int, threshold: float) -> None:
    gts, dts = random_masks(np.random.default_rng(seed))
    evaluation = run_cocoeval("segm", without_arrays(gts), without_arrays(dts), threshold)

    def as_mask(a: dict[str, Any]) -> mask.MaskGeometry:
        return mask.encode(a["_array"].astype(bool))

    report = compare(
        objects_by_frame(dts, as_mask, "mask"),
        objects_by_frame(gts, as_mask, "mask"),
        range(IMAGES),
        QualitySettings(iou_threshold=threshold, low_overlap_threshold=threshold, **COCO_LIKE),
    )
    assert_same_as_cocoeval(evaluation, report, gts)


def rectilinear_polygon(rng: np.random.Generator) -> list[float]:
    """An L-shaped or rectangular polygon with integer corners: COCO rasterises it exactly."""
    x0, y0 = int(rng.integers(0, WIDTH - 20)), int(rng.integers(0, HEIGHT - 20))
    x2, y2 = x0 + int(rng.integers(4, 18)), y0 + int(rng.integers(4, 18))
    if rng.random() < 0.5:
        return [x0, y0, x2, y0, x2, y2, x0, y2]
    x1, y1 = int(rng.integers(x0 + 1, x2)), int(rng.integers(y0 + 1, y2))
    return [x0, y0, x2, y0, x2, y1, x1, y1, x1, y2, x0, y2]


@pytest.mark.parametrize("seed", range(4))
def test_polygon_pairs_are_cocoevals_segm_on_pixel_aligned_polygons(seed: int) -> None:
    rng = np.random.default_rng(seed)
    gts, dts = [], []
    for image in range(IMAGES):
        for _ in range(int(rng.integers(2, 6))):
            polygon = rectilinear_polygon(rng)
            category = int(rng.integers(1, 3))
            gts.append(
                {
                    "id": len(gts) + 1,
                    "image_id": image,
                    "category_id": category,
                    "iscrowd": 0,
                    "segmentation": [polygon],
                    "area": 0.0,
                    "bbox": [0, 0, 1, 1],
                }
            )
            shift = rng.integers(-3, 4, 2)
            moved = [v + int(shift[k % 2]) for k, v in enumerate(polygon)]
            if min(moved) >= 0:
                dts.append(
                    {
                        "id": len(dts) + 1,
                        "image_id": image,
                        "category_id": category,
                        "segmentation": [moved],
                        "score": float(rng.random()),
                    }
                )
    for g in gts:  # COCO's own area and box of the polygon, as a dataset would hold them
        rle = coco_mask.merge(coco_mask.frPyObjects(g["segmentation"], HEIGHT, WIDTH))
        g["area"], g["bbox"] = float(coco_mask.area(rle)), list(coco_mask.toBbox(rle))
    coco_dts = [{**d, "segmentation": _polygon_rle(d["segmentation"])} for d in dts]  # results are RLEs
    evaluation = run_cocoeval("segm", gts, coco_dts, 0.5)

    def as_polygon(a: dict[str, Any]) -> PolygonGeometry:
        return PolygonGeometry(tuple(float(v) for v in a["segmentation"][0]))

    report = compare(
        objects_by_frame(dts, as_polygon, "polygon"),
        objects_by_frame(gts, as_polygon, "polygon"),
        range(IMAGES),
        QualitySettings(**COCO_LIKE),
    )
    assert_same_as_cocoeval(evaluation, report, gts)


def keypoint_data(rng: np.random.Generator) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    gts, dts = [], []
    for image in range(IMAGES):
        for _ in range(int(rng.integers(2, 6))):
            cx, cy = rng.uniform(10, WIDTH - 10), rng.uniform(10, HEIGHT - 10)
            xy = np.column_stack([cx + rng.uniform(-8, 8, KEYPOINTS), cy + rng.uniform(-8, 8, KEYPOINTS)])
            v = rng.choice([0, 1, 2, 2, 2], KEYPOINTS)
            v[0] = 2  # at least one labelled point: COCO ignores ground truths without any
            present = xy[v > 0]
            area = float(np.ptp(present[:, 0]) * np.ptp(present[:, 1]))
            flat = [float(c) for p, vis in zip(xy, v, strict=True) for c in (*p, vis)]
            gts.append(
                {
                    "id": len(gts) + 1,
                    "image_id": image,
                    "category_id": 1,
                    "iscrowd": 0,
                    "keypoints": flat,
                    "num_keypoints": int((v > 0).sum()),
                    "area": area,
                    "bbox": [cx - 8, cy - 8, 16, 16],
                }
            )
            if rng.random() < 0.85:
                noisy = xy + rng.normal(0, rng.choice([0.5, 2.0, 5.0]), xy.shape)
                dts.append(
                    {
                        "id": len(dts) + 1,
                        "image_id": image,
                        "category_id": 1,
                        "score": float(rng.random()),
                        "keypoints": [float(c) for p in noisy for c in (*p, 1)],
                        "_visible": v > 0,
                    }
                )
    return gts, dts


def skeleton(a: dict[str, Any]) -> SkeletonGeometry:
    k = np.reshape(a["keypoints"], (-1, 3))
    present = a["_visible"] if "_visible" in a else k[:, 2] > 0
    visibility = tuple(Visibility.VISIBLE if p else Visibility.OUTSIDE for p in present)
    return SkeletonGeometry(tuple(float(c) for c in k[:, :2].ravel()), visibility)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("threshold", [0.5, 0.7])
def test_skeleton_pairs_and_recall_are_cocoevals_keypoints_oks(seed: int, threshold: float) -> None:
    gts, dts = keypoint_data(np.random.default_rng(seed))
    coco_dts = [{k: v for k, v in d.items() if k != "_visible"} for d in dts]
    evaluation = run_cocoeval("keypoints", gts, coco_dts, threshold)
    settings = QualitySettings(
        iou_threshold=threshold, low_overlap_threshold=threshold, min_point_area=1e-9, **COCO_LIKE
    )
    report = compare(
        objects_by_frame(dts, skeleton, "skeleton"),
        objects_by_frame(gts, skeleton, "skeleton"),
        range(IMAGES),
        settings,
    )
    assert_same_as_cocoeval(evaluation, report, gts)
    for (image, _), coco_oks in evaluation.ious.items():
        if len(coco_oks) == 0:
            continue
        for match in next(f for f in report.frames if f.frame == image).matches:
            row = [
                d["id"]
                for d in sorted((d for d in coco_dts if d["image_id"] == image), key=lambda d: -d["score"])
            ]
            column = [g["id"] for g in gts if g["image_id"] == image]
            coco_value = coco_oks[row.index(int(match.annotation_id)), column.index(int(match.reference_id))]
            assert match.similarity == pytest.approx(coco_value, rel=1e-9)
