import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ADA, FakeApi, renderApp } from "../harness";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function project(id: number, name: string) {
  return {
    id,
    name,
    description: `About ${name}`,
    guidelines: "",
    owner_id: 1,
    organization_id: null,
    deadline: null,
    created_at: "2026-11-26T10:00:00Z",
    updated_at: "2026-11-26T10:00:00Z",
    label_count: 3,
    task_count: 2,
  };
}

describe("the projects page", () => {
  it("lists one row per project with a link to it", async () => {
    const api = new FakeApi()
      .on("GET /api/auth/me", 200, ADA)
      .on("GET /api/projects", 200, { items: [project(1, "Birds"), project(2, "Cars")], count: 2, page: 1, page_size: 20 });
    renderApp("/projects", api);
    const rows = await screen.findAllByTestId("project-row");
    expect(rows.map((row) => within(row).getByRole("link").textContent)).toEqual(["Birds", "Cars"]);
    expect(within(rows[0]!).getByRole("link").getAttribute("href")).toBe("/projects/1");
  });

  it("searches with `q`, back on page 1, and keeps the search in the address", async () => {
    const api = new FakeApi()
      .on("GET /api/auth/me", 200, ADA)
      .on("GET /api/projects", 200, { items: [project(1, "Birds")], count: 1, page: 1, page_size: 20 });
    renderApp("/projects?page=3", api);
    await screen.findAllByTestId("project-row");
    fireEvent.change(screen.getByTestId("project-search"), { target: { value: " bird " } });
    fireEvent.submit(screen.getByRole("search"));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/projects?q=bird"));
    await waitFor(() => expect(api.seen("GET /api/projects")).toHaveLength(2));
    const query = new URL(api.seen("GET /api/projects")[1]!.url).searchParams;
    expect(Object.fromEntries(query)).toEqual({ page: "1", page_size: "20", sort: "-updated_at", q: "bird" });
  });

  it("creates a project with its labels and opens it", async () => {
    const api = new FakeApi()
      .on("GET /api/auth/me", 200, ADA)
      .on("GET /api/projects", 200, { items: [], count: 0, page: 1, page_size: 20 })
      .on("POST /api/projects", 201, project(9, "Street"))
      .on("GET /api/projects/9", 200, project(9, "Street"))
      .on("GET /api/projects/9/labels", 200, [])
      .on("GET /api/tasks", 200, { items: [], count: 0, page: 1, page_size: 20 });
    renderApp("/projects", api);
    fireEvent.click(await screen.findByTestId("project-new"));
    fireEvent.change(screen.getByTestId("project-name"), { target: { value: "Street" } });
    fireEvent.change(screen.getByTestId("label-name"), { target: { value: "car" } });
    fireEvent.change(screen.getByTestId("label-kind"), { target: { value: "rectangle" } });
    fireEvent.click(screen.getByTestId("label-add"));
    fireEvent.submit(screen.getByTestId("project-create-form"));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/projects/9"));
    const request = api.seen("POST /api/projects")[0]!;
    expect(request.headers.get("X-CSRF-Token")).toBe("csrf-token");
    expect(await request.json()).toEqual({
      name: "Street",
      description: "",
      labels: [{ name: "car", color: "#e6194b", kind: "rectangle" }],
    });
  });
});
