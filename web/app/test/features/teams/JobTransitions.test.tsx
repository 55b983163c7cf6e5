import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ADA, FakeApi } from "../../harness";
import { job, renderTeams } from "./fixtures";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const TASK = {
  id: 3, project_id: 2, name: "Batch 1", owner_id: 1, subset: "", media_kind: "image", segment_size: 0, overlap: 0, deadline: null,
  created_at: "2026-11-26T10:00:00Z", updated_at: "2026-11-26T10:00:00Z", media_count: 0, job_count: 1,
};
const PROJECT = {
  id: 2, name: "Street", description: "", guidelines: "", owner_id: 1, organization_id: null, deadline: null,
  created_at: "2026-11-26T10:00:00Z", updated_at: "2026-11-26T10:00:00Z",
};

function taskServer() {
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/notifications/unread", 200, { unread: 0 })
    .on("GET /api/tasks/3", 200, TASK)
    .on("GET /api/projects/2", 200, PROJECT)
    .on("GET /api/tasks/3/media", 200, { items: [], count: 0, page: 1, page_size: 48 })
    .on("GET /api/jobs", 200, { items: [job(7, { reviewer_id: 3, reviewer_name: "rosa", assignee_id: 4, open_issues: 2, state: "in_progress" })], count: 1, page: 1, page_size: 500 });
}

describe("a task's job list", () => {
  it("shows each job's assignee and reviewer by name, deadline and open issues", async () => {
    renderTeams("/tasks/3", taskServer());
    const row = await screen.findByTestId("job-row");
    expect(within(row).getByTestId("job-open-issues").textContent).toBe("2");
    expect(row.textContent).toContain("rosa"); // the server names the reviewer
    expect(row.textContent).toContain("User #4"); // a job answered without the name (an older server)
    expect(row.textContent).toContain("No due date");
  });

  it("offers the workflow moves open to the caller, and makes one", async () => {
    const api = taskServer()
      .on("GET /api/jobs/7/transitions", 200, [
        { action: "submit", to_stage: "validation", to_state: "new", description: "the assignee hands the job to review" },
      ])
      .on("POST /api/jobs/7/transitions", 200, { job: job(7, { stage: "validation" }), next_job: null });
    renderTeams("/tasks/3", api);
    fireEvent.click(await screen.findByRole("button", { name: "Workflow moves of job #7" }));
    fireEvent.click(await screen.findByRole("button", { name: "Submit for review" }));
    await waitFor(() => expect(api.seen("GET /api/jobs")).toHaveLength(2));
    expect(await api.seen("POST /api/jobs/7/transitions")[0]!.json()).toEqual({ action: "submit" });
  });
});
