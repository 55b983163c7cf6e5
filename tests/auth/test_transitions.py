from __future__ import annotations

from annota.auth.policy.relations import MANAGING, Relation
from annota.auth.policy.transitions import BY_ACTION, TRANSITIONS, applicable
from annota.storage.tables import JOB_STAGES, JOB_STATES


def test_every_transition_starts_and_ends_at_a_stage_and_state_that_exist() -> None:
    for t in TRANSITIONS:
        assert t.stage in JOB_STAGES and t.to_stage in JOB_STAGES, t
        assert t.states <= set(JOB_STATES) and t.to_state in JOB_STATES, t


def test_managers_may_take_every_transition() -> None:
    assert all(t.by >= MANAGING for t in TRANSITIONS)


def test_the_assignee_annotates_and_the_reviewer_reviews() -> None:
    by_assignee = {t.action for t in TRANSITIONS if Relation.ASSIGNEE in t.by}
    by_reviewer = {t.action for t in TRANSITIONS if Relation.REVIEWER in t.by}

    assert by_assignee == {"start", "submit", "recall"}
    assert by_reviewer == {"start_review", "reject", "accept"}


def test_a_new_job_reaches_acceptance_through_review_and_a_rejected_one_comes_back() -> None:
    stage, state = "annotation", "new"
    for action in ("submit", "start_review", "reject", "submit", "accept"):
        assert BY_ACTION[action] in applicable(stage, state), (action, stage, state)
        stage, state = BY_ACTION[action].to_stage, BY_ACTION[action].to_state

    assert (stage, state) == ("acceptance", "completed")


def test_an_accepted_job_only_a_manager_can_reopen() -> None:
    offered = applicable("acceptance", "completed")

    assert [t.action for t in offered] == ["reopen"] and offered[0].by == MANAGING
