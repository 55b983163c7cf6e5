"""An imported item's records checked against the project and turned into rows, cheaply per record.

Every record's label must exist and allow its kind (answered once per label and kind, then from a cache),
attribute values must fit the label's specs, a skeleton must have the template's point count. Unless its
reader promises to have checked them (`RecordDataset.checked`, as the built-in readers do), its geometry
must also be what the kind accepts (`records.geometry`: inline float and length tests for boxes and vertex
lists) and its common fields must have their types. Problems are located at the item and the record
(``train/a.jpg: shapes[3].geometry.points: ...``); a record with a problem is not written, and the caller
refuses the whole import.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from annota.domain import annotation_fields as common
from annota.domain.attributes import validate_attributes
from annota.domain.labels import Label, is_kind_allowed
from annota.domain.problems import DomainValidationError, Loc, Problem
from annota.domain.shapes.base import Source
from annota.formats.base import ProblemLog
from annota.formats.records import RecordItem, ShapeRecord, TagRecord, geometry
from annota.services.dataset_labels import LabelMapping
from annota.services.dataset_rows import RowWriter

_SOURCES = frozenset(s.value for s in Source)
_LabelCheck = tuple[Label | None, str, str, str]  # (label, problem message, type, field) when refused


class AnnotationWriter:
    """Writes the records of items whose frame and job are known; `map_more` maps labels added meanwhile."""

    def __init__(
        self,
        rows: RowWriter,
        mapping: LabelMapping,
        log: ProblemLog,
        map_more: Callable[[], None],
        checked: bool = False,
    ) -> None:
        """`checked`: the reader promises checked geometry and field types (`RecordDataset.checked`)."""
        self.rows, self.mapping, self.log, self.map_more = rows, mapping, log, map_more
        self.checked = checked
        self.counts: Counter[str] = Counter()
        self._labels: dict[tuple[int, str], _LabelCheck] = {}

    def item(self, item: RecordItem, where: str, job: int, frame: int, frames: Mapping[int, int]) -> None:
        """Rows for `item`, shown in problems as `where`, on task `frame` of `job`; `frames` maps the
        item's subset's frames to task frames (a tag's stop frame)."""
        if item.shapes:
            self._shapes(item.shapes, where, job, frame)
        for i, tag in enumerate(item.tags):
            try:
                stop = frame if tag["stop_frame"] == item.frame else frames.get(tag["stop_frame"])
                self._tag(tag, i, where, job, frame, stop)
            except (KeyError, TypeError, AttributeError) as error:
                self.log.add(where, f"not a tag record: {error!r}", "format.record", ("tags", i))

    def _shapes(self, records: Any, where: str, job: int, frame: int) -> None:
        labels, counts, checked, trusted = self._labels, self.counts, [], self.checked
        for i, record in enumerate(records):
            try:
                kind = record["kind"]
                label, msg, type_, field_ = labels.get((record["label_id"], kind)) or self._label(
                    record["label_id"], kind
                )
                if label is None:
                    self.log.add(where, msg, type_, ("shapes", i, field_))
                    continue
                fields = record["geometry"] if trusted else geometry(kind, record["geometry"])
                if not (trusted or _common_ok(record)):
                    self._common_problems(record, where, ("shapes", i))
                    continue
                if record["attributes"] or kind == "skeleton":
                    problems = self._label_problems(record, fields, label, ("shapes", i))
                    if problems:
                        self.log.add_domain(where, problems)
                        continue
            except DomainValidationError as error:
                for p in error.problems:  # the kind's problems are inside the geometry, or at the kind
                    loc = ("shapes", i) if p.loc[:1] == ("kind",) else ("shapes", i, "geometry")
                    self.log.add(where, p.msg, str(p.type), (*loc, *p.loc))
                continue
            except (KeyError, TypeError) as error:
                self.log.add(where, f"not a shape record: {error!r}", "format.record", ("shapes", i))
                continue
            checked.append((label.id, record, fields))
            counts[kind] += 1
        if checked:
            self.rows.shapes(job, frame, checked)  # type: ignore[arg-type]

    def _tag(self, record: TagRecord, i: int, where: str, job: int, frame: int, stop: int | None) -> None:
        label, msg, type_, field_ = self._labels.get((record["label_id"], "tag")) or self._label(
            record["label_id"], "tag"
        )
        loc: Loc = ("tags", i)
        if label is None:
            self.log.add(where, msg, type_, (*loc, field_))
            return
        problems = validate_attributes(record["attributes"], label.attributes, (*loc, "attributes"))
        if stop is None or stop < frame:
            problems.append(Problem((*loc, "stop_frame"), "no item on this frame", "unknown_frame"))
        if record["source"] not in _SOURCES or not _score_ok(record["score"]):
            self._common_problems(record, where, loc)
        elif problems:
            self.log.add_domain(where, problems)
        else:
            self.rows.tag(job, label.id, frame, stop, record)  # type: ignore[arg-type]
            self.counts["tag"] += 1

    def _label(self, dataset_label: int, kind: str) -> _LabelCheck:
        """Whether the project label of `dataset_label` takes `kind`; cached once the labels are mapped."""
        project_id = self.mapping.ids.get(dataset_label)
        if project_id is None:
            self.map_more()
            project_id = self.mapping.ids.get(dataset_label)
        label = self.mapping.labels.get(project_id) if project_id is not None else None
        if label is None:
            return None, f"no label with dataset id {dataset_label}", "unknown_label", "label_id"
        if not is_kind_allowed(label.kind, kind):
            msg = f"label {label.name!r} is for {label.kind} annotations, not {kind}"
            check: _LabelCheck = (None, msg, "kind_not_allowed", "kind")
        else:
            check = (label, "", "", "")
        self._labels[(dataset_label, kind)] = check
        return check

    def _label_problems(
        self, record: ShapeRecord, fields: dict[str, Any], label: Label, loc: Loc
    ) -> list[Problem]:
        problems = validate_attributes(record["attributes"], label.attributes, (*loc, "attributes"))
        if record["kind"] == "skeleton":
            expected = len(label.skeleton.points) if label.skeleton else 0
            got = len(fields["points"]) // 2
            if got != expected:
                msg = f"label {label.name!r} has {expected} skeleton points, got {got}"
                problems.append(Problem((*loc, "points"), msg, "skeleton"))
        return problems

    def _common_problems(self, record: Mapping[str, Any], where: str, loc: Loc) -> None:
        problems: list[Problem] = []
        for read in (common.read_z_order, common.read_group, common.read_source, common.read_score):
            read(record, loc, problems)
        for flag in ("occluded", "outside"):
            if flag in record:
                common.read_flag(record, flag, loc, problems)
        common.read_attributes(record, loc, problems)
        if not problems:
            problems.append(Problem(loc, "a field has the wrong type", "format.record"))
        self.log.add_domain(where, problems)


def _score_ok(score: object) -> bool:
    return score is None or (isinstance(score, float) and 0.0 <= score <= 1.0)


def _common_ok(r: ShapeRecord) -> bool:
    """The common fields have their types (a cheap test; `_common_problems` says what is wrong)."""
    group, score = r["group"], r["score"]
    return (
        type(r["z_order"]) is int
        and type(r["occluded"]) is bool
        and type(r["outside"]) is bool
        and type(r["attributes"]) is dict
        and r["source"] in _SOURCES
        and (group is None or type(group) is int)
        and (score is None or (type(score) is float and 0.0 <= score <= 1.0))
    )
