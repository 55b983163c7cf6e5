"""Operator qualification through HTTP: an exam project graded against its gold standard, attempts and
their limit, per-skill scores, certificates, and projects that refuse unqualified assignees (409)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from annota.storage.db import Database
from tests.api.conftest import Users, assert_error
from tests.api.test_quality_ground_truth import Project, user_id


class Exam:
    def __init__(self, alice: TestClient, users: Users, database: Database, max_attempts: int = 3) -> None:
        users.create("opal")
        org = alice.post("/api/organizations", json={"slug": "acme", "name": "Acme"}).json()["id"]
        added = alice.post(
            f"/api/organizations/{org}/members", json={"username": "opal", "role": "annotator"}
        )
        assert added.status_code == 201, added.text
        self.opal, self.opal_id = users.client("opal"), user_id(users, database, "opal")
        self.exam = Project(alice, frames=2, segment=0, organization_id=org)
        settings = {"is_exam": True, "exam_pass_score": 0.9, "exam_max_attempts": max_attempts}
        assert alice.patch(f"/api/projects/{self.exam.id}/quality/settings", json=settings).status_code == 200
        gold = alice.post(f"/api/tasks/{self.exam.task_id}/ground-truth", json={"frames": [0, 1]}).json()
        self.exam.save(alice, gold["job_id"], [self.exam.box("g0", 0, 0), self.exam.box("g1", 1, 30)])
        self.work = Project(alice, frames=2, segment=0, organization_id=org)
        required = {"required_exam_id": self.exam.id}
        assert alice.patch(f"/api/projects/{self.work.id}/quality/settings", json=required).status_code == 200

    def attempt(self, right: bool) -> dict[str, object]:
        started = self.opal.post(f"/api/projects/{self.exam.id}/exam/attempts")
        assert started.status_code == 201, started.text
        (job,) = started.json()["job_ids"]
        shift = 0 if right else 100
        self.exam.save(
            self.opal, job, [self.exam.box(f"{job}-0", 0, shift), self.exam.box(f"{job}-1", 1, 30 + shift)]
        )
        submitted = self.opal.post(f"/api/projects/{self.exam.id}/exam/submit")
        assert submitted.status_code == 200, submitted.text
        graded: dict[str, object] = submitted.json()
        return graded


@pytest.fixture
def exam(alice: TestClient, users: Users, database: Database) -> Exam:
    return Exam(alice, users, database)


def test_an_operator_fails_retakes_passes_and_becomes_assignable(exam: Exam, alice: TestClient) -> None:
    job = exam.work.jobs[0]
    refused = alice.patch(f"/api/jobs/{job}", json={"assignee_id": exam.opal_id})
    bulk = alice.post(f"/api/projects/{exam.work.id}/assignments", json={"users": [exam.opal_id]})

    failed = exam.attempt(right=False)
    passed = exam.attempt(right=True)

    assert_error(refused, 409, "exam_required", ["body", "assignee_id"])
    assert_error(bulk, 409, "exam_required", ["body", "users", 0])
    assert (failed["state"], failed["score"], failed["skills"]) == ("failed", 0.0, {"boxes": 0.0})
    assert (passed["state"], passed["score"], passed["number"]) == ("passed", 1.0, 2)
    assert passed["skills"] == {"boxes": 1.0}
    assert alice.patch(f"/api/jobs/{job}", json={"assignee_id": exam.opal_id}).status_code == 200


def test_the_exam_page_shows_the_rules_and_the_callers_attempts(exam: Exam) -> None:
    exam.attempt(right=False)

    standing = exam.opal.get(f"/api/projects/{exam.exam.id}/exam").json()

    assert (standing["pass_score"], standing["max_attempts"], standing["attempts_left"]) == (0.9, 3, 2)
    assert standing["passed"] is False and [a["state"] for a in standing["attempts"]] == ["failed"]


def test_attempts_stop_at_the_limit_and_after_a_pass(
    alice: TestClient, users: Users, database: Database
) -> None:
    exam = Exam(alice, users, database, max_attempts=1)
    exam.attempt(right=False)

    url = f"/api/projects/{exam.exam.id}/exam"
    assert_error(exam.opal.post(f"{url}/attempts"), 409, "attempts_exhausted", ["path", "project_id"])
    assert_error(exam.opal.post(f"{url}/submit"), 409, "no_attempt", ["path", "project_id"])


def test_a_second_attempt_waits_for_the_first_and_none_follows_a_pass(exam: Exam) -> None:
    url = f"/api/projects/{exam.exam.id}/exam/attempts"
    assert exam.opal.post(url).status_code == 201
    assert_error(exam.opal.post(url), 409, "attempt_in_progress")
    assert exam.opal.post(f"/api/projects/{exam.exam.id}/exam/submit").status_code == 200

    exam.attempt(right=True)

    assert_error(exam.opal.post(url), 409, "already_passed")


def test_certificates_and_attempt_history_are_read_by_the_operator_and_their_managers(
    exam: Exam, alice: TestClient, bob: TestClient
) -> None:
    exam.attempt(right=False)
    exam.attempt(right=True)

    own = exam.opal.get(f"/api/users/{exam.opal_id}/certificates").json()
    managed = alice.get(f"/api/users/{exam.opal_id}/certificates").json()
    history = alice.get(f"/api/projects/{exam.exam.id}/exam/attempts").json()

    assert [(c["exam_id"], c["attempt"], c["score"], c["skills"]) for c in own] == [
        (exam.exam.id, 2, 1.0, {"boxes": 1.0})
    ]
    assert managed == own
    assert [(a["user_id"], a["number"], a["state"]) for a in history] == [
        (exam.opal_id, 1, "failed"),
        (exam.opal_id, 2, "passed"),
    ]
    assert bob.get(f"/api/users/{exam.opal_id}/certificates").status_code == 404
    assert exam.opal.get(f"/api/projects/{exam.exam.id}/exam/attempts").status_code == 403


def test_an_exam_is_hidden_outside_its_organisation_and_a_project_is_not_an_exam(
    exam: Exam, bob: TestClient
) -> None:
    assert bob.get(f"/api/projects/{exam.exam.id}/exam").status_code == 404
    assert_error(
        exam.opal.get(f"/api/projects/{exam.work.id}/exam"), 409, "not_an_exam", ["path", "project_id"]
    )


def test_the_self_assign_pool_waits_for_the_exam_too(exam: Exam, alice: TestClient) -> None:
    opened = alice.patch(f"/api/projects/{exam.work.id}/workflow", json={"self_assign": True})
    assert opened.status_code == 200, opened.text
    claim = f"/api/projects/{exam.work.id}/pool/claim"

    refused = exam.opal.post(claim)
    exam.attempt(right=True)
    claimed = exam.opal.post(claim)

    assert_error(refused, 409, "exam_required", ["path", "project_id"])
    assert claimed.status_code == 200 and claimed.json()["assignee_id"] == exam.opal_id
