"""Quality storage: settings defaults, ground-truth frames, consensus merge records and exam attempts,
on SQLite and PostgreSQL."""

from __future__ import annotations

from annota.storage import quality_consensus, quality_exams, quality_ground_truth, quality_settings
from annota.storage.db import Database
from tests.storage.builders import a_job, a_project, a_task, a_user


def test_a_project_without_settings_reads_the_defaults_and_keeps_what_is_changed(database: Database) -> None:
    with database.write() as session:
        project = a_project(session)
        defaults = quality_settings.settings_of(session, project.id)
        assert (defaults.review_threshold, defaults.consensus_quorum, defaults.is_exam) == (None, 0.5, False)
        quality_settings.update_settings(session, project.id, {"review_threshold": 0.7, "is_exam": True})

    with database.session() as session:
        stored = quality_settings.settings_of(session, project.id)
        assert (stored.review_threshold, stored.exam_max_attempts) == (0.7, 3)
        assert quality_settings.is_exam(session, project.id)


def test_a_ground_truth_job_spans_its_chosen_frames_and_lists_them(database: Database) -> None:
    with database.write() as session:
        task = a_task(session, a_project(session))
        sampling = quality_ground_truth.Sampling("count", count=2, per_job=True, seed=4)
        job = quality_ground_truth.add_ground_truth(session, task.id, [3, 8], sampling, None)

    with database.session() as session:
        assert quality_ground_truth.frames_of(session, [job.id]) == {job.id: (3, 8)}
        assert (job.kind, job.frame_start, job.frame_stop) == ("ground_truth", 3, 8)
        assert quality_ground_truth.sampling_of(session, [job.id])[job.id].seed == 4


def test_a_new_merge_replaces_the_agreement_of_the_last(database: Database) -> None:
    with database.write() as session:
        project = a_project(session)
        parent = a_job(session, a_task(session, project), frames=3)
        replicas = quality_consensus.add_replicas(session, parent, [None, None])
        for frames in ([(0, 0.2, 1, True), (1, 1.0, 2, False)], [(2, 0.4, 1, True)]):
            quality_consensus.record_merge(
                session, parent.id, replicas=2, objects=3, mean_agreement=0.6, merged_by=None, frames=frames
            )

    with database.session() as session:
        assert [r.parent_job_id for r in replicas] == [parent.id, parent.id]
        assert [(f.frame, f.flagged) for f in quality_consensus.frames_of(session, parent.id)] == [(2, True)]
        assert [f.frame for f in quality_consensus.flagged_frames(session, project.id)] == [2]


def test_attempts_are_numbered_and_only_a_pass_clears_a_required_exam(database: Database) -> None:
    with database.write() as session:
        owner, operator = a_user(session, "owner"), a_user(session, "op")
        exam, work = a_project(session, owner, "Exam"), a_project(session, owner, "Work")
        quality_settings.update_settings(session, work.id, {"required_exam_id": exam.id})
        first = quality_exams.start_attempt(session, exam.id, operator.id, [], 0.8)
        quality_exams.finish_attempt(session, first, 0.5, {})
        blocked = quality_exams.missing_exam(session, work.id, operator.id)
        second = quality_exams.start_attempt(session, exam.id, operator.id, [], 0.8)
        quality_exams.finish_attempt(session, second, 0.9, {"boxes": 0.9})

    with database.session() as session:
        assert (first.number, first.state, second.number, second.state) == (1, "failed", 2, "passed")
        assert blocked == exam.id and quality_exams.missing_exam(session, work.id, operator.id) is None
