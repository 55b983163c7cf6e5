"""A team in one organisation, built through the API: an owner, a manager, a reviewer and two
annotators, one project with a task of images cut into jobs of two frames."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient

from tests.api.conftest import Users
from tests.api.media_files import jpeg

ROLES = {"mark": "manager", "rita": "reviewer", "anna": "annotator", "ivan": "annotator"}


@dataclass
class Team:
    users: Users
    clients: dict[str, TestClient] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    organization_id: int = 0
    project_id: int = 0
    task_id: int = 0
    jobs: list[dict[str, Any]] = field(default_factory=list)
    labels: list[dict[str, Any]] = field(default_factory=list)

    def __getitem__(self, name: str) -> TestClient:
        return self.clients[name]

    @property
    def job_ids(self) -> list[int]:
        return [job["id"] for job in self.jobs]

    def assign(self, job_id: int, assignee: str | None = None, reviewer: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if assignee is not None:
            body["assignee_id"] = self.ids[assignee]
        if reviewer is not None:
            body["reviewer_id"] = self.ids[reviewer]
        answer = self["olga"].patch(f"/api/jobs/{job_id}", json=body)
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    def box(self, frame: int = 0) -> dict[str, Any]:
        import uuid

        return {"id": str(uuid.uuid4()), "label_id": self.labels[0]["id"], "kind": "rectangle",
                "frame": frame, "points": [1, 1, 5, 5]}  # fmt: skip

    def save(self, name: str, job_id: int, shapes: list[dict[str, Any]]) -> Any:
        revision = self[name].get(f"/api/jobs/{job_id}/annotations").json()["revision"]
        return self[name].patch(
            f"/api/jobs/{job_id}/annotations",
            json={"shapes": {"create": shapes}},
            headers={"If-Match": f'"{revision}"'},
        )

    def move(self, name: str, job_id: int, action: str, **extra: Any) -> Any:
        return self[name].post(f"/api/jobs/{job_id}/transitions", json={"action": action, **extra})


def make_team(users: Users, frames: int = 6, segment_size: int = 2) -> Team:
    team = Team(users)
    for name in ("olga", *ROLES):
        team.clients[name] = users.client(name)
        team.ids[name] = team.clients[name].get("/api/auth/me").json()["id"]
    olga = team["olga"]
    org = olga.post("/api/organizations", json={"slug": "acme", "name": "Acme"})
    assert org.status_code == 201, org.text
    team.organization_id = org.json()["id"]
    for name, role in ROLES.items():
        added = olga.post(
            f"/api/organizations/{team.organization_id}/members", json={"username": name, "role": role}
        )
        assert added.status_code == 201, added.text
    project = olga.post(
        "/api/projects",
        json={"name": "Streets", "organization_id": team.organization_id, "labels": [{"name": "car"}]},
    )
    assert project.status_code == 201, project.text
    team.project_id = project.json()["id"]
    team.labels = olga.get(f"/api/projects/{team.project_id}/labels").json()
    task = olga.post(
        "/api/tasks", json={"project_id": team.project_id, "name": "Day 1", "segment_size": segment_size}
    )
    team.task_id = task.json()["id"]
    files = [("files", (f"{i:03}.jpg", jpeg(colour=(i, 2 * i, 3 * i)))) for i in range(frames)]
    uploaded = olga.post(f"/api/tasks/{team.task_id}/media", files=files)
    assert uploaded.status_code == 201, uploaded.text
    team.jobs = olga.get("/api/jobs", params={"task_id": team.task_id}).json()["items"]
    return team
