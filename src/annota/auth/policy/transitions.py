"""Who may move a job where: stage annotation → validation → acceptance, each in a state
new / in_progress / completed / rejected.

One row per action: the stage and states it starts from, where it leads, and the relations
allowed to take it. Managers may also set stage and state directly (PATCH /api/jobs/{id}).
"""

from __future__ import annotations

from dataclasses import dataclass

from annota.auth.policy.relations import MANAGING, Relation


@dataclass(frozen=True, slots=True)
class Transition:
    action: str
    stage: str
    states: frozenset[str]
    to_stage: str
    to_state: str
    by: frozenset[Relation]
    description: str


def _t(
    action: str, frm: str, states: set[str], to: tuple[str, str], by: set[Relation], text: str
) -> Transition:
    return Transition(action, frm, frozenset(states), to[0], to[1], MANAGING | frozenset(by), text)


A, R = Relation.ASSIGNEE, Relation.REVIEWER
TRANSITIONS: tuple[Transition, ...] = (
    _t("start", "annotation", {"new", "rejected"}, ("annotation", "in_progress"), {A},
       "the assignee starts (saving annotations starts the job too)"),
    _t("submit", "annotation", {"new", "in_progress", "rejected"}, ("validation", "new"), {A},
       "the assignee hands the job to review"),
    _t("recall", "validation", {"new"}, ("annotation", "in_progress"), {A},
       "the assignee takes back a job no one has started reviewing"),
    _t("start_review", "validation", {"new"}, ("validation", "in_progress"), {R},
       "the reviewer starts reviewing"),
    _t("reject", "validation", {"new", "in_progress"}, ("annotation", "rejected"), {R},
       "the reviewer sends the job back with its open issues"),
    _t("accept", "validation", {"new", "in_progress"}, ("acceptance", "completed"), {R},
       "the reviewer accepts the job (refused while issues are open)"),
    _t("reopen", "acceptance", {"new", "in_progress", "completed", "rejected"}, ("annotation", "in_progress"),
       set(), "a manager reopens an accepted job for more annotation"),
)  # fmt: skip

BY_ACTION = {t.action: t for t in TRANSITIONS}


def applicable(stage: str, state: str) -> list[Transition]:
    """The transitions that start from (stage, state), whoever takes them."""
    return [t for t in TRANSITIONS if t.stage == stage and state in t.states]
