import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ADA, FakeApi } from "../../harness";
import { renderTeams } from "./fixtures";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const org = (id: number, name: string, role: string) => ({ id, slug: name.toLowerCase(), name, created_at: "2026-11-26T09:00:00Z", role });
const created = {
  id: 9, name: "Street", description: "", guidelines: "", owner_id: 1, organization_id: 4, deadline: null,
  created_at: "2026-11-26T10:00:00Z", updated_at: "2026-11-26T10:00:00Z", label_count: 0, task_count: 0,
};

function server(organizations: unknown[]) {
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/notifications/unread", 200, { unread: 0 })
    .on("GET /api/projects", 200, { items: [], count: 0, page: 1, page_size: 20 })
    .on("GET /api/organizations", 200, { items: organizations, count: organizations.length, page: 1, page_size: 100 })
    .on("POST /api/projects", 201, created)
    .on("GET /api/projects/9", 200, created)
    .on("GET /api/projects/9/labels", 200, [])
    .on("GET /api/tasks", 200, { items: [], count: 0, page: 1, page_size: 20 });
}

describe("a new project's organisation", () => {
  it("is chosen among those where the caller may create projects", async () => {
    const api = server([org(4, "Acme", "manager"), org(5, "Other", "annotator")]);
    renderTeams("/projects", api);
    fireEvent.click(await screen.findByTestId("project-new"));
    const picker = await screen.findByTestId("project-organization");
    expect(within(picker).getAllByRole("option").map((o) => o.textContent)).toEqual(["None (personal project)", "Acme"]);
    fireEvent.change(picker, { target: { value: "4" } });
    fireEvent.change(screen.getByTestId("project-name"), { target: { value: "Street" } });
    fireEvent.submit(screen.getByTestId("project-create-form"));
    await waitFor(() => expect(api.seen("POST /api/projects")).toHaveLength(1));
    expect(await api.seen("POST /api/projects")[0]!.json()).toMatchObject({ name: "Street", organization_id: 4 });
  });

  it("is not asked for from someone who may create projects in no organisation", async () => {
    const api = server([org(5, "Other", "annotator")]);
    renderTeams("/projects", api);
    fireEvent.click(await screen.findByTestId("project-new"));
    await waitFor(() => expect(api.seen("GET /api/organizations")).toHaveLength(1));
    expect(screen.queryByTestId("project-organization")).toBeNull();
  });
});
