"""The quality loop of issue 7 in a real browser: three operators qualify on an exam (one fails, retakes it
and passes, through the exam page), become assignable to the project that requires the exam, their honeypot
scores appear on the manager's dashboard, and a job replicated to the three of them is merged from the
consensus page; the quality trends then hold their submit and the merge's agreement.

The annotation work itself (boxes) goes through the API with each operator's credentials; the exam attempts
of the first operator, the dashboard, the consensus replicate / merge and the accuracy trend go through the
UI."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import Server
from tests.e2e.workspace_helpers import ApiClient, Workbench, png, save_shapes, sign_in


@pytest.fixture(scope="module")
def api(server: Server) -> Iterator[ApiClient]:
    client = ApiClient(server)
    yield client
    client.close()


@dataclasses.dataclass
class Operator:
    id: int
    server: Server  # the operator's credentials
    api: ApiClient


class Loop:
    """An organisation with three operators, an exam project (a car on each of two gold images) and a work
    project of four images in jobs of two, which requires the exam and holds one honeypot per job."""

    def __init__(self, api: ApiClient, server: Server) -> None:
        self.operators: list[Operator] = []
        try:
            self._build(api, server)
        except BaseException:
            self.close()
            raise

    def _build(self, api: ApiClient, server: Server) -> None:
        tag = uuid.uuid4().hex[:6]
        org = api.ok("POST", "/api/organizations", json={"slug": f"loop-{tag}", "name": f"Loop {tag}"})["id"]
        for n in range(3):
            person = dataclasses.replace(server, username=f"op{n}{tag}", password=f"pw-{uuid.uuid4().hex}")
            user = api.ok(
                "POST", "/api/users", json={"username": person.username, "password": person.password}
            )
            api.ok(
                "POST",
                f"/api/organizations/{org}/members",
                json={"username": person.username, "role": "annotator"},
            )
            self.operators.append(Operator(int(user["id"]), person, ApiClient(person)))
        self.exam = self._project(api, f"Exam {tag}", org, images=2, segment_size=0)
        rules = {"is_exam": True, "exam_pass_score": 0.9, "exam_max_attempts": 3}
        api.ok("PATCH", f"/api/projects/{self.exam.project_id}/quality/settings", json=rules)
        gold = api.ok("POST", f"/api/tasks/{self.exam.task_id}/ground-truth", json={"frames": [0, 1]})
        save_shapes(api, gold["job_id"], [self.car(self.exam, f) for f in range(2)])
        self.work = self._project(api, f"Work {tag}", org, images=4, segment_size=2)
        api.ok(
            "PATCH",
            f"/api/projects/{self.work.project_id}/quality/settings",
            json={"required_exam_id": self.exam.project_id},
        )
        for operator in self.operators:  # listed project members: the consensus page offers them
            member = {"role": "annotator"}
            api.ok("PUT", f"/api/projects/{self.work.project_id}/members/{operator.id}", json=member)
        made = api.ok(
            "POST",
            f"/api/tasks/{self.work.task_id}/ground-truth",
            json={"count": 1, "per_job": True, "seed": 1},
        )
        self.honeypots: list[int] = made["frames"]
        save_shapes(api, made["job_id"], [self.car(self.work, f) for f in self.honeypots])

    @staticmethod
    def _project(api: ApiClient, name: str, org: int, images: int, segment_size: int) -> Workbench:
        labels = [{"name": "car", "kind": "rectangle"}]
        project = api.ok(
            "POST", "/api/projects", json={"name": name, "labels": labels, "organization_id": org}
        )
        task = api.ok(
            "POST",
            "/api/tasks",
            json={"project_id": project["id"], "name": name, "segment_size": segment_size},
        )
        files = [("files", (f"img{i}.png", png(320, 240, 50 * i), "image/png")) for i in range(images)]
        api.ok("POST", f"/api/tasks/{task['id']}/media", files=files)
        jobs = api.ok("GET", "/api/jobs", params={"task_id": task["id"]})["items"]
        found = {lb["name"]: lb["id"] for lb in api.ok("GET", f"/api/projects/{project['id']}/labels")}
        return Workbench(project["id"], task["id"], [j["id"] for j in jobs], found)

    @staticmethod
    def car(bench: Workbench, frame: int, shift: float = 0) -> dict[str, Any]:
        return {"id": str(uuid.uuid4()), "kind": "rectangle", "label_id": bench.labels["car"], "frame": frame,
                "points": [20 + shift, 20, 80 + shift, 80]}  # fmt: skip

    def pass_exam_by_api(self, operator: Operator) -> None:
        attempt = operator.api.ok("POST", f"/api/projects/{self.exam.project_id}/exam/attempts")
        for job in attempt["job_ids"]:
            save_shapes(operator.api, job, [self.car(self.exam, f) for f in range(2)])
        graded = operator.api.ok("POST", f"/api/projects/{self.exam.project_id}/exam/submit")
        assert graded["state"] == "passed", graded

    def close(self) -> None:
        for operator in self.operators:
            operator.api.close()


@pytest.fixture
def loop(api: ApiClient, server: Server) -> Iterator[Loop]:
    made = Loop(api, server)
    yield made
    made.close()


def take_the_exam_twice_in_the_browser(browser: Browser, loop: Loop) -> None:
    first = loop.operators[0]
    context = browser.new_context()
    try:
        sign_in(context, first.server)
        page = context.new_page()
        page.goto(f"{first.server.url}/projects/{loop.exam.project_id}/exam")
        for shift in (150, 0):  # boxes beside the cars, then on them
            page.get_by_test_id("quality-exam-start").click()
            job = int((page.get_by_test_id("quality-exam-job").get_attribute("href") or "").rsplit("/", 1)[1])
            save_shapes(first.api, job, [loop.car(loop.exam, f, shift) for f in range(2)])
            page.get_by_test_id("quality-exam-submit").click()
            expect(page.get_by_test_id("quality-exam-current")).to_have_count(0)
        rows = page.get_by_test_id("quality-exam-attempts-row")
        expect(rows.nth(0)).to_have_attribute("data-state", "failed")
        expect(rows.nth(1)).to_have_attribute("data-state", "passed")
    finally:
        context.close()


def test_operators_qualify_are_scored_on_honeypots_and_their_consensus_is_merged(
    browser: Browser, page: Page, server: Server, api: ApiClient, loop: Loop
) -> None:
    first = loop.operators[0]
    honeypot_job, consensus_job = loop.work.job_ids
    refused = api.http.patch(f"/api/jobs/{honeypot_job}", json={"assignee_id": first.id})
    assert refused.status_code == 409 and refused.json()["errors"][0]["type"] == "exam_required"

    take_the_exam_twice_in_the_browser(browser, loop)
    for other in loop.operators[1:]:
        loop.pass_exam_by_api(other)

    # Qualified, the first operator is assigned, boxes the honeypot's car right and submits.
    api.ok("PATCH", f"/api/jobs/{honeypot_job}", json={"assignee_id": first.id})
    mine = next(f for f in loop.honeypots if f < 2)
    save_shapes(first.api, honeypot_job, [loop.car(loop.work, mine)])
    first.api.ok("POST", f"/api/jobs/{honeypot_job}/transitions", json={"action": "submit"})

    sign_in(page.context, server)
    page.goto(f"{server.url}/projects/{loop.work.project_id}/quality")
    row = page.get_by_test_id("quality-annotators-row").filter(has_text=first.server.username)
    expect(row.locator('[data-column="f1"]')).to_have_text("100.0%")

    # The manager replicates the other job to the three operators and merges their work.
    page.goto(f"{server.url}/jobs/{consensus_job}/consensus")
    page.get_by_test_id("quality-consensus-k").fill("3")
    choices = page.get_by_test_id("quality-consensus-assignee")
    expect(choices).to_have_count(3)
    for i, operator in enumerate(loop.operators):
        choices.nth(i).select_option(str(operator.id))
    page.get_by_test_id("quality-consensus-replicate").click()
    expect(page.get_by_test_id("quality-consensus-replicas").locator("li")).to_have_count(3)
    replicas = api.ok("GET", f"/api/jobs/{consensus_job}/consensus")["replicas"]
    frame = 2
    for replica, shift in zip(replicas, (0, 2, 200), strict=True):  # two agree, the third boxes elsewhere
        operator = next(o for o in loop.operators if o.id == replica["assignee_id"])
        save_shapes(operator.api, replica["job_id"], [loop.car(loop.work, frame, shift)])
    page.get_by_test_id("quality-consensus-merge").click()
    expect(page.get_by_test_id("quality-consensus-merged")).to_contain_text("1 objects")
    assert len(api.shapes(consensus_job)) == 1

    page.goto(f"{server.url}/projects/{loop.work.project_id}/quality/trends")
    scored_row = page.get_by_test_id("quality-trend-accuracy").locator("tr", has_text=first.server.username)
    expect(scored_row).to_contain_text("100.0%")
    trends = f"/api/projects/{loop.work.project_id}/quality/trends"
    (scored,) = api.ok("GET", f"{trends}/accuracy")["annotators"]
    assert (scored["user_id"], [p["accuracy"] for p in scored["points"]]) == (first.id, [1.0])
    merged_frames = api.ok("GET", f"/api/jobs/{consensus_job}/consensus")
    histogram = api.ok("GET", f"{trends}/agreement")
    assert histogram["jobs"] == 1 and sum(b["frames"] for b in histogram["bins"]) == histogram["frames"] > 0
    assert histogram["frames"] == len(merged_frames["frames"])
