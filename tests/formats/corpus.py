"""The shared corpus of real sample datasets (../shared/corpus from the repository root), and the built-in
formats of part 1 as an explicit registry (production reads the ``annota.formats`` entry points)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annota.formats import (
    coco,
    cvat_images,
    cvat_video,
    native,
    ultralytics_classify,
    ultralytics_detect,
    ultralytics_obb,
    ultralytics_pose,
    ultralytics_segment,
    yolo,
)
from annota.formats.registry import FormatRegistry
from tests.services import services_required

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
MODULES = (
    native,
    coco,
    yolo,
    ultralytics_detect,
    ultralytics_segment,
    ultralytics_pose,
    ultralytics_obb,
    ultralytics_classify,
    cvat_images,
    cvat_video,
)
REGISTRY = FormatRegistry({m.FORMAT.name: m.FORMAT for m in MODULES})


def corpus_or_skip(sample: str) -> Path:
    """`CORPUS/sample`; without the corpus, skip (locally) or fail (when CI requires services)."""
    path = CORPUS / sample
    if path.is_dir():
        return path
    reason = f"the sample corpus is not at {CORPUS} (it lives in shared/corpus beside the repository)"
    if services_required():
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)
