import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ADA, FakeApi, renderApp } from "../harness";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const project = {
  id: 2,
  name: "Street",
  description: "Cars and people",
  guidelines: "",
  owner_id: 1,
  organization_id: null,
  deadline: null,
  created_at: "2026-11-26T10:00:00Z",
  updated_at: "2026-11-26T10:00:00Z",
  label_count: 1,
  task_count: 1,
};
const label = {
  id: 5,
  project_id: 2,
  name: "car",
  color: "#ff0000",
  kind: "rectangle",
  attributes: [{ name: "parked", kind: "checkbox" }, { kind: "text" }],
  skeleton: null,
  position: 0,
};
const task = {
  id: 4,
  project_id: 2,
  name: "Batch 1",
  owner_id: 1,
  subset: "",
  media_kind: "image",
  segment_size: 0,
  overlap: 0,
  deadline: null,
  created_at: "2026-11-26T10:00:00Z",
  updated_at: "2026-11-26T10:00:00Z",
  media_count: 12,
  job_count: 1,
};

function projectApi() {
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/projects/2", 200, project)
    .on("GET /api/projects/2/labels", 200, [label])
    .on("GET /api/tasks", 200, { items: [task], count: 1, page: 1, page_size: 20 });
}

describe("the project page", () => {
  it("shows the project, its labels with colour, kind and attributes, and its tasks", async () => {
    renderApp("/projects/2", projectApi());
    expect((await screen.findByTestId("project-title")).textContent).toBe("Street");
    expect(screen.getByText("Cars and people")).toBeTruthy();
    const item = await screen.findByTestId("label-item");
    expect(item.textContent).toContain("car");
    expect(item.textContent).toContain("Rectangle");
    expect(item.textContent).toContain("parked (checkbox), (unnamed)");
    const swatch = item.querySelector(".swatch") as HTMLElement;
    expect(swatch.style.backgroundColor).toMatch(/^(#ff0000|rgb\(255, 0, 0\))$/);
    const row = await screen.findByTestId("task-row");
    expect(within(row).getByRole("link").getAttribute("href")).toBe("/tasks/4");
    expect(row.textContent).toContain("12");
  });

  it("asks only for this project's tasks", async () => {
    const api = projectApi();
    renderApp("/projects/2", api);
    await screen.findByTestId("task-row");
    const query = new URL(api.seen("GET /api/tasks")[0]!.url).searchParams;
    expect(query.get("project_id")).toBe("2");
  });

  it("creates a task and opens it", async () => {
    const api = projectApi()
      .on("POST /api/tasks", 201, { ...task, id: 6, name: "Batch 2" })
      .on("GET /api/tasks/6", 200, { ...task, id: 6, name: "Batch 2" })
      .on("GET /api/tasks/6/media", 200, { items: [], count: 0, page: 1, page_size: 48 })
      .on("GET /api/jobs", 200, { items: [], count: 0, page: 1, page_size: 500 });
    renderApp("/projects/2", api);
    await screen.findByTestId("task-row");
    fireEvent.change(screen.getByTestId("task-name"), { target: { value: " Batch 2 " } });
    fireEvent.click(screen.getByTestId("task-create-submit"));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/tasks/6"));
    expect(await api.seen("POST /api/tasks")[0]!.json()).toEqual({ project_id: 2, name: "Batch 2" });
    expect((await screen.findByTestId("task-title")).textContent).toBe("Batch 2");
  });
});
