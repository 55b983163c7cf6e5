import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ADA, FakeApi } from "../../harness";
import { job, renderTeams } from "./fixtures";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const PROJECT = {
  id: 2, name: "Streets", description: "", guidelines: "", owner_id: 1, organization_id: 4, deadline: null,
  created_at: "2026-11-26T10:00:00Z", updated_at: "2026-11-26T10:00:00Z", label_count: 1, task_count: 1,
};
const MEMBERS = [
  { user_id: 1, username: "ada", role: "owner" },
  { user_id: 2, username: "bob", role: "annotator" },
  { user_id: 3, username: "rita", role: "reviewer" },
];

function server() {
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/notifications/unread", 200, { unread: 0 })
    .on("GET /api/projects/2", 200, PROJECT)
    .on("GET /api/organizations/4/members", 200, MEMBERS)
    .on("GET /api/projects/2/members", 200, [])
    .on("GET /api/tasks", 200, { items: [{ id: 3, name: "Street images" }], count: 1, page: 1, page_size: 1000 })
    .on("GET /api/jobs", 200, { items: [job(7), job(8, { assignee_id: 2 })], count: 2, page: 1, page_size: 1000 });
}

describe("assigning a project's jobs", () => {
  it("saves a job's assignee, reviewer and deadline in one change", async () => {
    const api = server().on("PATCH /api/jobs/7", 200, job(7, { assignee_id: 2, reviewer_id: 3, deadline: "2030-01-15T16:00:00Z" }));
    renderTeams("/projects/2/team/jobs", api);
    const row = (await screen.findAllByTestId("assign-row"))[0]!;
    const save = within(row).getByRole("button", { name: "Save job #7" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(within(row).getByRole("combobox", { name: "Assignee of job #7" }), { target: { value: "2" } });
    fireEvent.change(within(row).getByRole("combobox", { name: "Reviewer of job #7" }), { target: { value: "3" } });
    fireEvent.change(within(row).getByTestId("assign-deadline"), { target: { value: "2030-01-15T17:00" } });
    fireEvent.click(save);
    await waitFor(() => expect(row.dataset.assigneeId).toBe("2"));
    expect(await api.seen("PATCH /api/jobs/7")[0]!.json()).toEqual({
      assignee_id: 2,
      reviewer_id: 3,
      deadline: new Date("2030-01-15T17:00").toISOString(),
    });
  });

  it("offers only reviewers, managers and owners as reviewers", async () => {
    renderTeams("/projects/2/team/jobs", server());
    const row = (await screen.findAllByTestId("assign-row"))[0]!;
    const options = within(within(row).getByTestId("assign-reviewer")).getAllByRole("option").map((o) => o.textContent);
    expect(options).toEqual(["Nobody", "ada", "rita"]);
  });

  it("shares the jobs among the people ticked, by frame count", async () => {
    const api = server().on("POST /api/projects/2/assignments", 200, { assigned: [{ job_id: 7, user_id: 2, frames: 10 }] });
    renderTeams("/projects/2/team/jobs", api);
    const form = await screen.findByTestId("bulk-assign-form");
    fireEvent.click(within(form).getByRole("checkbox", { name: "bob" }));
    fireEvent.click(within(form).getByRole("checkbox", { name: "rita" }));
    fireEvent.change(within(form).getByTestId("bulk-strategy"), { target: { value: "frame_count" } });
    fireEvent.submit(form);
    expect((await screen.findByTestId("bulk-result")).textContent).toBe("1 job assigned.");
    expect(await api.seen("POST /api/projects/2/assignments")[0]!.json()).toEqual({
      users: [2, 3],
      strategy: "frame_count",
      seat: "assignee",
      only_unassigned: true,
    });
    await waitFor(() => expect(api.seen("GET /api/jobs")).toHaveLength(2));
  });
});

describe("a project's dashboard", () => {
  it("shows progress by stage, overdue jobs with their assignee, and each person's load", async () => {
    const api = server().on("GET /api/projects/2/dashboard", 200, {
      project_id: 2, jobs: 4, completed: 1, frames_total: 40, open_issues: 2,
      progress: { annotation: { new: 2 }, acceptance: { completed: 1 }, validation: { in_progress: 1 } },
      overdue: [{ job_id: 7, task_id: 3, assignee_id: 2, reviewer_id: null, stage: "annotation", state: "new", due: "2020-01-01T00:00:00Z" }],
      load: [{ user_id: 2, username: "bob", annotating: 2, reviewing: 0, frames: 20, overdue: 1, done: 0 }],
    });
    renderTeams("/projects/2/team", api);
    const rows = await screen.findAllByTestId("progress-row");
    expect(rows.map((r) => `${r.dataset.stage}/${r.dataset.state}`)).toEqual(["annotation/new", "validation/in_progress", "acceptance/completed"]);
    expect(screen.getByTestId("overdue-job").textContent).toContain("bob");
    expect(screen.getByTestId("load-row").dataset.username).toBe("bob");
    expect(screen.getByTestId("dashboard-totals").textContent).toBe("4 jobs, 1 accepted, 40 frames, 2 open issues");
  });
});

describe("a project's other team sections", () => {
  it("turns the self-assign pool on", async () => {
    const api = server()
      .on("GET /api/projects/2/workflow", 200, { project_id: 2, self_assign: false, pool_available: null })
      .on("PATCH /api/projects/2/workflow", 200, { project_id: 2, self_assign: true, pool_available: 3 });
    renderTeams("/projects/2/team/workflow", api);
    fireEvent.click(await screen.findByRole("checkbox", { name: "Self-assign pool" }));
    expect((await screen.findByTestId("workflow-available")).textContent).toBe("3 jobs waiting in the pool.");
    expect(await api.seen("PATCH /api/projects/2/workflow")[0]!.json()).toEqual({ self_assign: true });
  });

  it("adds a webhook for every event and shows its secret once", async () => {
    const hook = { id: 5, project_id: 2, url: "https://hooks.example/annota", events: ["*"], active: true, created_by: 1, created_at: "2026-11-26T10:00:00Z" };
    const api = server()
      .on("GET /api/projects/2/webhooks", 200, () => (api.seen("POST /api/projects/2/webhooks").length > 0 ? [hook] : []))
      .on("POST /api/projects/2/webhooks", 201, { ...hook, secret: "s3cret" });
    renderTeams("/projects/2/team/webhooks", api);
    fireEvent.change(await screen.findByTestId("webhook-url"), { target: { value: "https://hooks.example/annota" } });
    fireEvent.submit(screen.getByTestId("webhook-form"));
    expect((await screen.findByTestId("webhook-secret")).textContent).toBe("s3cret");
    expect(await screen.findByTestId("webhook-row")).toBeTruthy();
    expect(await api.seen("POST /api/projects/2/webhooks")[0]!.json()).toEqual({ url: "https://hooks.example/annota", events: ["*"] });
  });

  it("pings a webhook and shows its delivery log", async () => {
    const hook = { id: 5, project_id: 2, url: "https://hooks.example/annota", events: ["*"], active: true, created_by: 1, created_at: "2026-11-26T10:00:00Z" };
    const delivery = {
      id: 1, event: "ping", status: "failed", attempts: 1, next_attempt_at: "2026-11-26T10:01:00Z", created_at: "2026-11-26T10:00:00Z",
      delivered_at: null, payload: {}, log: [{ at: "2026-11-26T10:00:00Z", status_code: 500, error: "server error", duration_ms: 12 }],
    };
    const api = server()
      .on("GET /api/projects/2/webhooks", 200, [hook])
      .on("POST /api/webhooks/5/ping", 202, delivery)
      .on("GET /api/webhooks/5/deliveries", 200, [delivery]);
    renderTeams("/projects/2/team/webhooks", api);
    fireEvent.click(await screen.findByTestId("webhook-ping"));
    const row = await screen.findByTestId("webhook-delivery");
    expect(row.dataset.status).toBe("failed");
    expect(row.textContent).toContain("500 server error (12 ms)");
  });

  it("lists a project's own members and restricts it to a new one", async () => {
    let listed = [{ user_id: 3, username: "rita", role: "reviewer" }];
    const api = server()
      .on("GET /api/projects/2/members", 200, () => listed)
      .on("PUT /api/projects/2/members/2", 200, () => {
        listed = [...listed, { user_id: 2, username: "bob", role: "annotator" }];
        return listed[1];
      });
    renderTeams("/projects/2/team/members", api);
    expect((await screen.findAllByTestId("project-member-row")).map((r) => r.dataset.username)).toEqual(["rita"]);
    const add = screen.getByTestId("project-member-add-form");
    expect(within(within(add).getByTestId("project-member-user")).getAllByRole("option").map((o) => o.textContent)).toEqual(["bob"]);
    fireEvent.submit(add);
    await waitFor(() => expect(screen.getAllByTestId("project-member-row")).toHaveLength(2));
    expect(await api.seen("PUT /api/projects/2/members/2")[0]!.json()).toEqual({ role: "annotator" });
  });

  it("reports time per person, with a CSV link for the same rows", async () => {
    const api = server().on("GET /api/projects/2/reports/time", 200, {
      group: "person",
      rows: [{ user_id: 2, username: "bob", active_seconds: 5_400, objects_created: 30, objects_edited: 15, jobs: 1, objects_per_hour: 30 }],
    });
    renderTeams("/projects/2/team/time", api);
    const row = await screen.findByTestId("time-row");
    expect([...row.querySelectorAll("td")].map((td) => td.textContent)).toEqual(["bob", "1h 30m", "30", "15", "1", "30.0"]);
    fireEvent.change(screen.getByTestId("time-since"), { target: { value: "2026-11-01" } });
    expect(screen.getByTestId("time-csv").getAttribute("href")).toBe("/api/projects/2/reports/time.csv?group=person&since=2026-11-01");
  });

  it("filters the audit log by person", async () => {
    const api = server().on("GET /api/projects/2/audit", 200, {
      items: [{ id: 1, at: "2026-11-26T10:00:00Z", actor_id: 1, actor_name: "ada", organization_id: 4, project_id: 2, entity_type: "job", entity_id: "7", action: "assign", summary: { assignee_id: 2 } }],
      count: 1, page: 1, page_size: 50,
    });
    renderTeams("/projects/2/team/audit", api);
    await screen.findByTestId("audit-row");
    fireEvent.change(screen.getByTestId("audit-person"), { target: { value: "1" } });
    await waitFor(() => expect(api.seen("GET /api/projects/2/audit")).toHaveLength(2));
    expect(new URL(api.seen("GET /api/projects/2/audit")[1]!.url).searchParams.get("actor_id")).toBe("1");
  });
});

describe("a project's page", () => {
  const base = () =>
    server()
      .on("GET /api/projects/2/labels", 200, [])
      .on("GET /api/tasks", 200, { items: [], count: 0, page: 1, page_size: 20 });

  it("links to the team pages for those who manage the project", async () => {
    renderTeams("/projects/2", base());
    expect((await screen.findByTestId("project-team-link")).getAttribute("href")).toBe("/projects/2/team");
    expect(screen.getByTestId("project-assign-link").getAttribute("href")).toBe("/projects/2/team/jobs");
  });

  it("shows no team links to those who may not manage it", async () => {
    const api = base().on("GET /api/projects/2/members", 403, { ok: false, status: 403, errors: [{ loc: [], msg: "no", type: "forbidden" }] });
    renderTeams("/projects/2", api);
    await screen.findByTestId("project-title");
    await waitFor(() => expect(api.seen("GET /api/projects/2/members")).toHaveLength(1));
    expect(screen.queryByTestId("project-team-link")).toBeNull();
  });
});

describe("my working time", () => {
  it("reports the caller's own time per project", async () => {
    const api = server().on("GET /api/users/1/reports/time", 200, {
      group: "project",
      rows: [{ project_id: 2, project_name: "Streets", active_seconds: 600, objects_created: 4, objects_edited: 0, jobs: 1, objects_per_hour: 24 }],
    });
    renderTeams("/me/time", api);
    const row = await screen.findByTestId("time-row");
    expect(row.firstChild?.textContent).toBe("Streets");
    expect(new URL(api.seen("GET /api/users/1/reports/time")[0]!.url).searchParams.get("group")).toBe("project");
    expect(screen.getByTestId("time-csv").getAttribute("href")).toBe("/api/users/1/reports/time.csv?group=project");
  });
});
