import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createExtraRoutes } from "../../../src/workspace/api/extraRoutes";
import { MemoryQueueStore, type QueueStore } from "../../../src/workspace/save/queueStore";
import { ADA, BASE_URL, errorBody, FakeApi, renderApp } from "../../harness";
import { headlessCanvas, instantImages, rect, tag } from "../../workspace/support";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const job = { id: 8, task_id: 4, frame_start: 0, frame_stop: 1, revision: 3, stage: "annotation", state: "new", kind: "annotation", assignee_id: null, reviewer_id: null, priority: 0, deadline: null, updated_at: "2026-11-26T10:00:00Z" };
const task = { id: 4, project_id: 2, name: "Batch 1", owner_id: 1, subset: "", media_kind: "image", segment_size: 0, overlap: 0, deadline: null, created_at: "2026-11-26T10:00:00Z", updated_at: "2026-11-26T10:00:00Z" };
const project = { id: 2, name: "Street", description: "", guidelines: "# Rules\n\nBox every **car**.", owner_id: 1, organization_id: null, deadline: null, created_at: "2026-11-26T10:00:00Z", updated_at: "2026-11-26T10:00:00Z" };
const labels = [
  { id: 1, project_id: 2, name: "car", color: "#ff0000", kind: "rectangle", position: 0, skeleton: null, attributes: [{ name: "colour", kind: "select", values: ["red", "blue"], default: "blue", required: false }, { name: "plate", kind: "text", required: true }] },
  { id: 2, project_id: 2, name: "road", color: "#00ff00", kind: "polygon", position: 1, skeleton: null, attributes: [] },
  { id: 3, project_id: 2, name: "weather", color: "#0000ff", kind: "tag", position: 2, skeleton: null, attributes: [] },
];
const media = [0, 1].map((frame) => ({ id: 10 + frame, task_id: 4, frame, name: `img${frame}.jpg`, width: 400, height: 300, mime: "image/jpeg", size_bytes: 100, annotation_count: 0 }));

function workspaceApi(saveStatus = 200) {
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/jobs/8", 200, job)
    .on("GET /api/tasks/4", 200, task)
    .on("GET /api/projects/2", 200, project)
    .on("GET /api/projects/2/labels", 200, labels)
    .on("GET /api/tasks/4/media", 200, { items: media, count: 2, page: 1, page_size: 1000 })
    .on("GET /api/jobs/8/annotations", 200, { revision: 3, shapes: [rect("a", 0, 10, 10, 50, 50)], tracks: [], tags: [tag("t", 0, 3)] })
    .on("GET /api/users/me/preferences", 200, { shortcuts: { "nav.next": ["J"] } })
    .on("PUT /api/users/me/preferences", 200, (r: Request) => r.json())
    .on("PATCH /api/jobs/8/annotations", saveStatus, saveStatus === 200 ? { revision: 4 } : errorBody(saveStatus, "stale"));
}

function open(api: FakeApi, store: QueueStore = new MemoryQueueStore(), path = "/jobs/8") {
  const extra = createExtraRoutes({ baseUrl: BASE_URL, fetch: api.fetch, cookies: () => "annota_csrf=csrf-token" });
  const canvas = headlessCanvas();
  const rendered = renderApp(path, api, { services: { extra, openStore: async () => store, createCanvas: canvas.create, createImageCache: () => instantImages() } });
  return { ...rendered, canvas };
}

const ready = () => waitFor(() => expect(screen.getByTestId("workspace").dataset.ready).toBe("true"));

describe("the workspace page", () => {
  it("opens the job at its first image with the labels, the objects and the image tags", async () => {
    open(workspaceApi());
    await ready();
    expect(screen.getAllByTestId("label-option").map((b) => b.textContent)).toEqual(["1carRectangle", "2roadPolygon", "3weatherTag"]);
    expect(screen.getByTestId("frame-indicator").textContent).toBe("Image 1 of 2 · img0.jpg");
    expect(screen.getAllByTestId("object-row")).toHaveLength(1);
    fireEvent.click(screen.getByTestId("side-tab-tags"));
    expect(screen.getAllByTestId("tag-row")).toHaveLength(1);
  });

  it("opens at the frame the URL names", async () => {
    open(workspaceApi(), new MemoryQueueStore(), "/jobs/8?frame=1");
    await ready();
    expect(screen.getByTestId("frame-indicator").dataset.frame).toBe("1");
  });

  it("flags a required attribute, and saves its value with the job revision in If-Match", async () => {
    const api = workspaceApi();
    open(api);
    await ready();
    fireEvent.click(screen.getByTestId("object-row"));
    const plate = await screen.findByTestId("attr-plate");
    expect(plate.getAttribute("aria-invalid")).toBe("true");
    fireEvent.change(plate, { target: { value: "AB-123" } });
    fireEvent.blur(plate);
    await waitFor(() => expect(api.seen("PATCH /api/jobs/8/annotations")).toHaveLength(1), { timeout: 2000 });
    const request = api.seen("PATCH /api/jobs/8/annotations")[0]!;
    expect(request.headers.get("If-Match")).toBe('"3"');
    const body = await request.json();
    expect(body.shapes.update[0]).toMatchObject({ id: "a", attributes: { plate: "AB-123" }, group: null });
    await waitFor(() => expect(screen.getByTestId("save-state").dataset.status).toBe("saved"));
  });

  it("uses the user's own keys: J goes to the next image, F no longer does", async () => {
    open(workspaceApi());
    await ready();
    fireEvent.keyDown(window, { key: "f", code: "KeyF" });
    expect(screen.getByTestId("frame-indicator").dataset.frame).toBe("0");
    fireEvent.keyDown(window, { key: "j", code: "KeyJ" });
    await waitFor(() => expect(screen.getByTestId("frame-indicator").dataset.frame).toBe("1"));
    expect(screen.getByTestId("location").textContent).toBe("/jobs/8?frame=1");
  });

  it("shows the conflict and lets me reload theirs", async () => {
    const api = workspaceApi(409);
    open(api);
    await ready();
    fireEvent.click(screen.getByTestId("object-row"));
    fireEvent.click(await screen.findByTestId("selection-delete"));
    const dialog = await screen.findByTestId("conflict-dialog", {}, { timeout: 2000 });
    expect(dialog.textContent).toContain("Someone else saved this job");
    fireEvent.click(within(dialog).getByTestId("conflict-theirs"));
    await waitFor(() => expect(screen.queryByTestId("conflict-dialog")).toBeNull());
    expect(screen.getAllByTestId("object-row")).toHaveLength(1);
  });

  it("lists the shortcuts on ? and flags a key given to two actions", async () => {
    open(workspaceApi());
    await ready();
    fireEvent.keyDown(window, { key: "?", code: "Slash", shiftKey: true });
    const dialog = await screen.findByTestId("shortcuts-dialog");
    const row = within(dialog).getAllByTestId("shortcut-row").find((r) => r.dataset.action === "nav.previous")!;
    fireEvent.click(within(row).getByTestId("shortcut-change"));
    fireEvent.keyDown(within(row).getByTestId("shortcut-change"), { key: "j", code: "KeyJ" });
    expect(row.className).toContain("shortcut--conflict");
    expect((within(dialog).getByTestId("shortcuts-save") as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows the guidelines on G", async () => {
    open(workspaceApi());
    await ready();
    fireEvent.keyDown(window, { key: "g", code: "KeyG" });
    const panel = await screen.findByTestId("guidelines-panel");
    expect(await within(panel).findByRole("heading", { name: "Rules" })).toBeTruthy();
  });

  it("is in French for a French-speaking user", async () => {
    open(workspaceApi());
    cleanup();
    const api = workspaceApi().on("GET /api/auth/me", 200, { ...ADA, locale: "fr" });
    const extra = createExtraRoutes({ baseUrl: BASE_URL, fetch: api.fetch, cookies: () => "" });
    renderApp("/jobs/8", api, { locale: "fr", services: { extra, openStore: async () => new MemoryQueueStore(), createCanvas: headlessCanvas().create, createImageCache: () => instantImages() } });
    await ready();
    expect(screen.getByTestId("save-state").textContent).toBe("Tout est enregistré");
    expect(screen.getByTestId("frame-indicator").textContent).toBe("Image 1 sur 2 · img0.jpg");
  });
});
