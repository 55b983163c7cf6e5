import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ADA, FakeApi, renderApp } from "../../harness";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const task = { id: 4, project_id: 2, name: "Batch 1", media_count: 12, job_count: 2 };
const made = { job_id: 20, task_id: 4, assignee_id: null, mode: "fraction", count: null, fraction: 0.25, per_job: true, seed: null, frames: [1, 6, 9] };

function groundTruthApi(existing: unknown[] = []) {
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/projects/2", 200, { id: 2, name: "Street" })
    .on("GET /api/tasks", 200, { items: [task], count: 1, page: 1, page_size: 100 })
    .on("GET /api/tasks/4/ground-truth", 200, existing)
    .on("POST /api/tasks/4/ground-truth", 201, made);
}

describe("the ground-truth page", () => {
  it("lists each task's ground-truth jobs with their frames", async () => {
    renderApp("/projects/2/quality/ground-truth", groundTruthApi([made]));
    const item = await screen.findByTestId("quality-gt-job");
    expect(item.textContent).toContain("Honeypots in every job: 1, 6, 9");
    expect(within(item).getByRole("link").getAttribute("href")).toBe("/jobs/20");
  });

  it("marks a share of every job's frames as honeypots", async () => {
    const api = groundTruthApi();
    renderApp("/projects/2/quality/ground-truth", api);
    fireEvent.change(await screen.findByTestId("quality-gt-percent"), { target: { value: "25" } });
    fireEvent.click(screen.getByTestId("quality-gt-per-job"));
    fireEvent.click(screen.getByTestId("quality-gt-create"));
    await waitFor(() => expect(api.seen("POST /api/tasks/4/ground-truth")).toHaveLength(1));
    expect(await api.seen("POST /api/tasks/4/ground-truth")[0]!.clone().json()).toEqual({ fraction: 0.25, per_job: true });
    await waitFor(() => expect(api.seen("GET /api/tasks/4/ground-truth")).toHaveLength(2));
  });

  it("asks only for this project's tasks", async () => {
    const api = groundTruthApi();
    renderApp("/projects/2/quality/ground-truth", api);
    await screen.findByTestId("quality-gt-task");
    expect(new URL(api.seen("GET /api/tasks")[0]!.url).searchParams.get("project_id")).toBe("2");
  });

  it("says what is wrong with a frame list and sends nothing", async () => {
    const api = groundTruthApi();
    renderApp("/projects/2/quality/ground-truth", api);
    fireEvent.change(await screen.findByTestId("quality-gt-frames"), { target: { value: "3, x" } });
    fireEvent.click(screen.getByTestId("quality-gt-create"));
    expect((await screen.findByTestId("quality-gt-problem")).textContent).toContain("0, 4, 10-12");
    expect(api.seen("POST /api/tasks/4/ground-truth")).toHaveLength(0);
  });
});
