"""The shared vectors in spec/interpolation/ (docs/interpolation.md): every case of every file, one test each.

The TypeScript canvas core runs the same files (web/packages/canvas-core/test/interpolation.test.ts).
Both sides list the folder, so a new file is run by both without being registered anywhere.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from annota.domain.interpolation import expand, shape_at, state_to_dict, tags_at
from annota.domain.problems import DomainValidationError
from annota.domain.shapes.registry import KINDS
from annota.domain.tags import tag_from_dict
from annota.domain.tracks import track_from_dict

VECTORS = Path(__file__).resolve().parents[2] / "spec" / "interpolation"
TOLERANCE = 1e-6  # docs/interpolation.md, "Numbers"


class VectorFileError(ValueError):
    """A vector file that does not follow its schema, located as ``file.json: cases[2].expect``."""


@dataclass(frozen=True)
class Case:
    file: str
    index: int
    suite: str
    data: dict[str, Any]

    @property
    def where(self) -> str:
        return f"{self.file}: cases[{self.index}] ({self.data.get('name', '?')})"


def run_shape_at(case: Case) -> None:
    track = track_from_dict(case.data["track"], (case.where, "track"))
    for i, expected in enumerate(case.data["expect"]):
        state = shape_at(track, expected["frame"])
        actual = None if state is None else state_to_dict(state)
        assert_matches(actual, expected["state"], f"{case.where}.expect[{i}] (frame {expected['frame']})")


def run_expand(case: Case) -> None:
    track = track_from_dict(case.data["track"], (case.where, "track"))
    args = (track, case.data["start"], case.data["stop"], case.data["step"])
    if "error" in case.data:
        with pytest.raises(DomainValidationError) as caught:
            expand(*args)
        assert [list(p.loc) for p in caught.value.problems] == [case.data["error"]["loc"]], case.where
        return
    actual = [state_to_dict(s) for s in expand(*args)]
    assert_matches(actual, case.data["expect"], f"{case.where}.expect")


def run_tags_at(case: Case) -> None:
    tags = [tag_from_dict(t, (case.where, "tags", i)) for i, t in enumerate(case.data["tags"])]
    for i, expected in enumerate(case.data["expect"]):
        ids = [tag.id for tag in tags_at(tags, expected["frame"])]
        assert ids == expected["ids"], f"{case.where}.expect[{i}] (frame {expected['frame']})"


SUITES: dict[str, Callable[[Case], None]] = {
    "shape_at": run_shape_at,
    "expand": run_expand,
    "tags_at": run_tags_at,
}
CASE_KEYS = {
    "shape_at": {"name", "doc", "track", "expect"},
    "expand": {"name", "doc", "track", "start", "stop", "step", "expect", "error"},
    "tags_at": {"name", "doc", "tags", "expect"},
}


def assert_matches(actual: object, expected: object, where: str) -> None:
    """Equal, numbers within TOLERANCE; the message names the JSON path of the first difference."""
    if expected is None or isinstance(expected, bool | str) or isinstance(actual, bool):
        assert actual == expected, f"{where}: expected {expected!r}, got {actual!r}"
    elif isinstance(expected, int | float):
        assert isinstance(actual, int | float), f"{where}: expected a number, got {actual!r}"
        assert math.isclose(actual, expected, rel_tol=0.0, abs_tol=TOLERANCE), (
            f"{where}: expected {expected!r}, got {actual!r}"
        )
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), (
            f"{where}: expected {len(expected)} items {expected!r}, got {actual!r}"
        )
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            assert_matches(a, e, f"{where}[{i}]")
    elif isinstance(expected, dict):
        assert isinstance(actual, dict) and actual.keys() == expected.keys(), (
            f"{where}: expected keys {sorted(expected)}, got {actual!r}"
        )
        for key, e in expected.items():
            assert_matches(actual[key], e, f"{where}.{key}")
    else:
        raise VectorFileError(f"{where}: unexpected JSON value {expected!r}")


def vector_files() -> list[Path]:
    return sorted(VECTORS.iterdir())


def load_cases(path: Path) -> Iterator[Case]:
    """Every case of one file, checked against the file schema (docs/interpolation.md, "The test vectors")."""
    name = path.name
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise VectorFileError(f"{name}:{e.lineno}: {e.msg}") from None
    if not isinstance(doc, dict) or set(doc) != {"description", "suite", "cases"}:
        raise VectorFileError(f"{name}: expected exactly the keys description, suite, cases")
    if not isinstance(doc["description"], str) or not doc["description"].strip():
        raise VectorFileError(f"{name}: description: must describe the file's schema")
    suite = doc["suite"]
    if suite not in SUITES:
        raise VectorFileError(f"{name}: suite: unknown suite {suite!r}; expected one of {sorted(SUITES)}")
    if not isinstance(doc["cases"], list) or not doc["cases"]:
        raise VectorFileError(f"{name}: cases: expected a non-empty list")
    for i, data in enumerate(doc["cases"]):
        if not isinstance(data, dict):
            raise VectorFileError(f"{name}: cases[{i}]: expected an object")
        extra = set(data) - CASE_KEYS[suite]
        missing = CASE_KEYS[suite] - set(data) - {"expect", "error"}
        if extra or missing or ("expect" in data) == ("error" in data):
            raise VectorFileError(
                f"{name}: cases[{i}]: keys {sorted(data)}: expected {sorted(CASE_KEYS[suite])}, "
                "with exactly one of expect and error"
            )
        yield Case(name, i, suite, data)


ALL_CASES = [case for path in vector_files() if path.suffix == ".json" for case in load_cases(path)]


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: f"{c.file}:{c.data['name']}")
def test_vector_case_holds(case: Case) -> None:
    SUITES[case.suite](case)


def test_every_file_in_the_vector_folder_is_a_json_file_this_suite_runs() -> None:
    files = {path.name for path in vector_files()}
    assert files, f"no vectors in {VECTORS}"
    assert {case.file for case in ALL_CASES} == files


def test_case_names_are_unique_within_each_file() -> None:
    names = [(case.file, case.data["name"]) for case in ALL_CASES]
    assert len(names) == len(set(names))


def test_vectors_cover_every_kind_with_geometry_and_every_suite() -> None:
    tracked = {case.data["track"]["kind"] for case in ALL_CASES if "track" in case.data}
    assert tracked == {name for name, ops in KINDS.items() if ops.HAS_GEOMETRY}
    assert {case.suite for case in ALL_CASES} == set(SUITES)


def test_loader_rejects_a_file_with_an_unknown_suite(tmp_path: Path) -> None:
    path = tmp_path / "future.json"
    path.write_text('{"description": "d", "suite": "split_track", "cases": [{}]}', encoding="utf-8")
    with pytest.raises(VectorFileError, match=r"future\.json: suite: unknown suite 'split_track'"):
        list(load_cases(path))


def test_loader_names_the_line_of_broken_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "suite": "shape_at",\n  oops\n}', encoding="utf-8")
    with pytest.raises(VectorFileError, match=r"broken\.json:3: "):
        list(load_cases(path))


def test_loader_rejects_a_case_with_both_expect_and_error(tmp_path: Path) -> None:
    path = tmp_path / "both.json"
    case = {"name": "n", "doc": "d", "track": {}, "start": 0, "stop": 1, "step": 1, "expect": [], "error": {}}
    path.write_text(json.dumps({"description": "d", "suite": "expand", "cases": [case]}), encoding="utf-8")
    with pytest.raises(VectorFileError, match=r"both\.json: cases\[0\]: .*exactly one of expect and error"):
        list(load_cases(path))


def test_comparison_fails_beyond_the_tolerance_and_names_the_path() -> None:
    assert_matches({"points": [1.0 + TOLERANCE / 2]}, {"points": [1]}, "x")
    with pytest.raises(AssertionError, match=r"x\.points\[0\]"):
        assert_matches({"points": [1.0 + 2 * TOLERANCE]}, {"points": [1]}, "x")
    with pytest.raises(AssertionError, match=r"x: expected keys"):
        assert_matches({"points": [1.0], "extra": 1}, {"points": [1]}, "x")
