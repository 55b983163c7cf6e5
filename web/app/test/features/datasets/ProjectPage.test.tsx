import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { renderApp } from "../../harness";
import { datasetsApi } from "./render";

afterEach(cleanup);

const project = {
  id: 2,
  name: "Street",
  description: "",
  guidelines: "",
  owner_id: 1,
  organization_id: null,
  deadline: null,
  created_at: "2026-11-26T10:00:00Z",
  updated_at: "2026-11-26T10:00:00Z",
  label_count: 0,
  task_count: 0,
};

describe("a project's page", () => {
  it("offers to import and to export a dataset, each in its dialog", async () => {
    const api = datasetsApi().on("GET /api/projects/2", 200, project).on("GET /api/projects/2/labels", 200, []);
    renderApp("/projects/2", api);
    fireEvent.click(await screen.findByRole("button", { name: "Import dataset" }));
    expect(screen.getByRole("dialog", { name: "Import a dataset" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Close" }));
    fireEvent.click(screen.getByRole("button", { name: "Export dataset" }));
    expect(screen.getByRole("dialog", { name: "Export the project" })).toBeTruthy();
  });
});
