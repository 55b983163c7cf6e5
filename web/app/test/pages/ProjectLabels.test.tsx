import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_SERVICES } from "../../src/pages/workspace/services";
import { createExtraRoutes } from "../../src/workspace/api/extraRoutes";
import { ADA, BASE_URL, errorBody, FakeApi, renderApp } from "../harness";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const project = { id: 2, name: "Street", description: "", guidelines: "", owner_id: 1, organization_id: null, deadline: null, created_at: "2026-11-26T10:00:00Z", updated_at: "2026-11-26T10:00:00Z" };
const car = { id: 5, project_id: 2, name: "car", color: "#ff0000", kind: "rectangle", attributes: [{ name: "colour", kind: "select", values: ["red", "blue"], default: "red", required: false, mutable: false, min: null, max: null, step: null }], skeleton: null, position: 0 };

function projectApi() {
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/projects/2", 200, project)
    .on("GET /api/projects/2/labels", 200, [car])
    .on("GET /api/tasks", 200, { items: [], count: 0, page: 1, page_size: 20 });
}

function fillAttribute(spec: HTMLElement, fields: Record<string, string>) {
  for (const [id, value] of Object.entries(fields)) fireEvent.change(within(spec).getByTestId(`attr-spec-${id}`), { target: { value } });
}

describe("the label editor", () => {
  it("changes a label's attributes of every type and sends them as specs", async () => {
    const api = projectApi().on("PATCH /api/labels/5", 200, car);
    renderApp("/projects/2", api);
    fireEvent.click(await screen.findByTestId("label-edit"));
    const form = screen.getByTestId("label-form");
    for (let i = 0; i < 4; i++) fireEvent.click(within(form).getByTestId("attr-spec-add"));
    const specs = within(form).getAllByTestId("attr-spec");
    fillAttribute(specs[0]!, { values: "red\nblue\n\ngreen" });
    fillAttribute(specs[1]!, { name: "make", kind: "radio", values: "a\nb" });
    fillAttribute(specs[2]!, { name: "parked", kind: "checkbox", default: "true" });
    fillAttribute(specs[3]!, { name: "doors", kind: "number", min: "2", max: "5", step: "1", default: "4" });
    fillAttribute(specs[4]!, { name: "plate", kind: "text" });
    fireEvent.click(within(specs[4]!).getByTestId("attr-spec-required"));
    fireEvent.click(within(form).getByTestId("label-form-save"));
    await waitFor(() => expect(api.seen("PATCH /api/labels/5")).toHaveLength(1));
    const body = await api.seen("PATCH /api/labels/5")[0]!.json();
    expect(body.attributes).toEqual([
      { name: "colour", kind: "select", values: ["red", "blue", "green"], default: "red", required: false, mutable: false, min: null, max: null, step: null },
      { name: "make", kind: "radio", values: ["a", "b"], default: null, required: false, mutable: false, min: null, max: null, step: null },
      { name: "parked", kind: "checkbox", values: [], default: true, required: false, mutable: false, min: null, max: null, step: null },
      { name: "doors", kind: "number", values: [], default: 4, required: false, mutable: false, min: 2, max: 5, step: 1 },
      { name: "plate", kind: "text", values: [], default: null, required: true, mutable: false, min: null, max: null, step: null },
    ]);
    expect(body.skeleton).toBeNull();
  });

  it("shows the server's located errors and keeps the form open", async () => {
    const api = projectApi().on("POST /api/projects/2/labels", 422, errorBody(422, "label 'car' already exists", ["body", "name"]));
    renderApp("/projects/2", api);
    fireEvent.click(await screen.findByTestId("label-new"));
    fireEvent.change(screen.getByTestId("label-form-name"), { target: { value: "car" } });
    fireEvent.click(screen.getByTestId("label-form-save"));
    expect((await screen.findByRole("alert")).textContent).toContain("label 'car' already exists");
    expect(screen.getByTestId("label-form")).toBeTruthy();
  });

  it("designs a skeleton: points placed on the template and joined by an edge", async () => {
    const api = projectApi().on("POST /api/projects/2/labels", 201, { ...car, id: 6 });
    renderApp("/projects/2", api);
    fireEvent.click(await screen.findByTestId("label-new"));
    fireEvent.change(screen.getByTestId("label-form-name"), { target: { value: "person" } });
    fireEvent.change(screen.getByTestId("label-form-kind"), { target: { value: "skeleton" } });
    const board = screen.getByTestId("skeleton-board");
    board.getBoundingClientRect = () => ({ left: 0, top: 0, width: 280, height: 280, right: 280, bottom: 280, x: 0, y: 0, toJSON: () => ({}) });
    fireEvent.pointerDown(board, { clientX: 140, clientY: 28 });
    fireEvent.pointerDown(board, { clientX: 140, clientY: 140 });
    const [head, hip] = screen.getAllByTestId("skeleton-point");
    fireEvent.pointerDown(head!);
    fireEvent.pointerUp(head!);
    fireEvent.pointerDown(hip!);
    fireEvent.pointerUp(hip!);
    fireEvent.change(screen.getAllByTestId("skeleton-point-name")[0]!, { target: { value: "head" } });
    expect(screen.getByTestId("skeleton-edges").textContent).toContain("head – joint 2");
    fireEvent.click(screen.getByTestId("label-form-save"));
    await waitFor(() => expect(api.seen("POST /api/projects/2/labels")).toHaveLength(1));
    const body = await api.seen("POST /api/projects/2/labels")[0]!.json();
    expect(body).toMatchObject({ name: "person", kind: "skeleton", skeleton: { points: [{ name: "head", x: 0.5, y: 0.1 }, { name: "joint 2", x: 0.5, y: 0.5 }], edges: [[0, 1]] } });
  });
});

describe("the guidelines", () => {
  it("are edited in Markdown with a preview, an uploaded image inserted, and saved on the project", async () => {
    const api = projectApi()
      .on("POST /api/projects/2/assets", 201, { url: "/api/projects/2/assets/abc" })
      .on("PATCH /api/projects/2", 200, { ...project, guidelines: "# Cars\n![tight box.png](/api/projects/2/assets/abc)\n" });
    const extra = createExtraRoutes({ baseUrl: BASE_URL, fetch: api.fetch, cookies: () => "annota_csrf=csrf-token" });
    renderApp("/projects/2", api, { services: { ...DEFAULT_SERVICES, extra } });
    fireEvent.click(await screen.findByTestId("guidelines-edit"));
    fireEvent.change(screen.getByTestId("guidelines-text"), { target: { value: "# Cars\n" } });
    const file = new File([new Uint8Array([137, 80, 78, 71])], "tight box.png", { type: "image/png" });
    fireEvent.change(screen.getByTestId("guidelines-image"), { target: { files: [file] } });
    await waitFor(() => expect((screen.getByTestId("guidelines-text") as HTMLTextAreaElement).value).toContain("![tight box.png](/api/projects/2/assets/abc)"));
    expect(api.seen("POST /api/projects/2/assets")[0]!.headers.get("X-CSRF-Token")).toBe("csrf-token");
    fireEvent.click(screen.getByTestId("guidelines-save"));
    await waitFor(() => expect(screen.queryByTestId("guidelines-text")).toBeNull());
    expect(await api.seen("PATCH /api/projects/2")[0]!.json()).toEqual({ guidelines: "# Cars\n![tight box.png](/api/projects/2/assets/abc)\n" });
    expect(await within(screen.getByTestId("guidelines")).findByRole("heading", { name: "Cars" })).toBeTruthy();
  });
});
