import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createExtraRoutes } from "../../../src/workspace/api/extraRoutes";
import { MemoryQueueStore } from "../../../src/workspace/save/queueStore";
import { ADA, BASE_URL, FakeApi, renderApp } from "../../harness";
import { headlessCanvas, instantImages, rect } from "../../workspace/support";
import { issue } from "./fixtures";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const job = { id: 8, task_id: 4, frame_start: 0, frame_stop: 1, revision: 3, stage: "validation", state: "new", kind: "annotation", assignee_id: 5, reviewer_id: 1, priority: 0, deadline: null, open_issues: 2, updated_at: "2026-11-26T10:00:00Z" };
const task = { id: 4, project_id: 2, name: "Batch 1", owner_id: 1, subset: "", media_kind: "image", segment_size: 0, overlap: 0, deadline: null, created_at: "2026-11-26T10:00:00Z", updated_at: "2026-11-26T10:00:00Z" };
const project = { id: 2, name: "Street", description: "", guidelines: "# Rules", owner_id: 1, organization_id: null, deadline: null, created_at: "2026-11-26T10:00:00Z", updated_at: "2026-11-26T10:00:00Z" };
const labels = [{ id: 1, project_id: 2, name: "car", color: "#ff0000", kind: "rectangle", position: 0, skeleton: null, attributes: [] }];
const media = [0, 1].map((frame) => ({ id: 10 + frame, task_id: 4, frame, name: `img${frame}.jpg`, width: 400, height: 300, mime: "image/jpeg", size_bytes: 100, annotation_count: 0 }));
const guidelines = (must: boolean, version = 2) => ({ project_id: 2, version, body: "# Rules v2\n\nBox every **car**.", author_id: 1, created_at: "2026-11-26T10:00:00Z", acknowledged_version: must ? null : version, must_acknowledge: must });
const moved = (stage: string, state: string) => ({ job: { ...job, stage, state }, next_job: null });

const ISSUES = [issue(21, 0, "open", { x: 100, y: 100, w: 50, h: 40 }, "wheel not boxed"), issue(22, 0, "open", { x: 300, y: 200, w: null, h: null }, "missing car"), issue(23, 1, "resolved", { x: 200, y: 150, w: 20, h: 20 }, "fixed")];

function reviewApi() {
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/jobs/8", 200, job)
    .on("GET /api/tasks/4", 200, task)
    .on("GET /api/projects/2", 200, project)
    .on("GET /api/projects/2/labels", 200, labels)
    .on("GET /api/tasks/4/media", 200, { items: media, count: 2, page: 1, page_size: 1000 })
    .on("GET /api/jobs/8/annotations", 200, { revision: 3, shapes: [rect("a", 0, 10, 10, 50, 50)], tracks: [], tags: [] })
    .on("GET /api/users/me/preferences", 200, {})
    .on("GET /api/jobs/8/issues", 200, ISSUES)
    .on("GET /api/jobs/8/transitions", 200, [
      { action: "reject", to_stage: "annotation", to_state: "rejected", description: "" },
      { action: "accept", to_stage: "acceptance", to_state: "completed", description: "" },
    ])
    .on("GET /api/projects/2/guidelines", 200, guidelines(false))
    .on("POST /api/jobs/8/activity", 200, { job_id: 8, credited_seconds: 1 })
    .on("PATCH /api/jobs/8/annotations", 200, { revision: 4 });
}

function open(api: FakeApi, path = "/jobs/8") {
  const extra = createExtraRoutes({ baseUrl: BASE_URL, fetch: api.fetch, cookies: () => "annota_csrf=csrf-token" });
  const canvas = headlessCanvas();
  renderApp(path, api, { services: { extra, openStore: async () => new MemoryQueueStore(), createCanvas: canvas.create, createImageCache: () => instantImages() } });
  return canvas;
}

const ready = () => waitFor(() => expect(screen.getByTestId("workspace").dataset.ready).toBe("true"));

/** The screen point (CSS px of the canvas, to 0.01 px) an image point is shown at. */
function onScreen(x: number, y: number) {
  const host = screen.getByTestId("workspace-canvas").dataset;
  const round = (v: number) => Math.round(v * 100) / 100;
  return { x: round(x * Number(host.scale) + Number(host.offsetX)), y: round(y * Number(host.scale) + Number(host.offsetY)) };
}

async function issuesTab() {
  await ready();
  fireEvent.click(screen.getByTestId("side-tab-issues"));
  return screen.findByTestId("issues-panel");
}

describe("review in the workspace", () => {
  it("lists the job's issues with their counts, and pins those of the frame shown on the image", async () => {
    open(reviewApi());
    const panel = await issuesTab();
    await waitFor(() => expect(within(panel).getByTestId("issue-counts").textContent).toBe("2 open · 1 resolved"));
    expect(screen.getByTestId("side-tab-issues").textContent).toBe("Issues (2)");
    expect(within(panel).getAllByTestId("issue-row").map((r) => r.dataset.issueId)).toEqual(["21", "22"]);
    const pins = screen.getAllByTestId("issue-pin");
    expect(pins.map((p) => p.dataset.issueId)).toEqual(["21", "22"]);
    const marker = pins[1]!.querySelector("circle")!;
    const at = onScreen(300, 200);
    const round = (v: string | null) => Math.round(Number(v) * 100) / 100;
    expect([round(marker.getAttribute("cx")), round(marker.getAttribute("cy"))]).toEqual([at.x, at.y]);
  });

  it("jumps to an issue's frame, centres its region and opens its thread", async () => {
    open(reviewApi());
    const panel = await issuesTab();
    fireEvent.click(within(panel).getByTestId("issue-filter-all"));
    fireEvent.click(within(panel).getAllByTestId("issue-row").find((r) => r.dataset.issueId === "23")!);
    await waitFor(() => expect(screen.getByTestId("frame-indicator").dataset.frame).toBe("1"));
    await waitFor(() => expect(onScreen(210, 160)).toEqual({ x: 400, y: 300 }));
    const thread = screen.getByTestId("issue-thread");
    expect(thread.dataset.issueId).toBe("23");
    expect(within(thread).getByTestId("issue-comment").textContent).toContain("fixed");
  });

  it("goes from one open issue to the next with U", async () => {
    open(reviewApi());
    await ready();
    await waitFor(() => expect(screen.getAllByTestId("issue-pin")).toHaveLength(2));
    fireEvent.keyDown(window, { key: "u", code: "KeyU" });
    await waitFor(() => expect(screen.getByTestId("issue-thread").dataset.issueId).toBe("21"));
    fireEvent.keyDown(window, { key: "u", code: "KeyU" });
    await waitFor(() => expect(screen.getByTestId("issue-thread").dataset.issueId).toBe("22"));
    expect(onScreen(300, 200)).toEqual({ x: 400, y: 300 });
  });

  it("lists its keys in the shortcuts dialog, in their own group", async () => {
    open(reviewApi());
    await ready();
    fireEvent.keyDown(window, { key: "?", code: "Slash", shiftKey: true });
    const dialog = await screen.findByTestId("shortcuts-dialog");
    const row = within(dialog).getAllByTestId("shortcut-row").find((r) => r.dataset.action === "review.nextIssue")!;
    expect(row.textContent).toContain("Next open issue");
    expect(within(row).getByTestId("shortcut-key").textContent).toBe("U");
    expect(within(dialog).getByRole("heading", { name: "Review" })).toBeTruthy();
  });

  it("opens a new issue on a region dragged over the image, with its first comment", async () => {
    const api = reviewApi().on("POST /api/jobs/8/issues", 201, issue(24, 0, "open", { x: 20, y: 30, w: 100, h: 60 }, "the van is missing"));
    open(api);
    const panel = await issuesTab();
    fireEvent.click(within(panel).getByTestId("issue-new"));
    const surface = await screen.findByTestId("issue-surface");
    const from = onScreen(20, 30);
    const to = onScreen(120, 90);
    fireEvent.pointerDown(surface, { clientX: from.x, clientY: from.y, pointerId: 1 });
    fireEvent.pointerMove(surface, { clientX: to.x, clientY: to.y, pointerId: 1 });
    fireEvent.pointerUp(surface, { clientX: to.x, clientY: to.y, pointerId: 1 });
    fireEvent.change(await screen.findByTestId("issue-draft-comment"), { target: { value: "the van is missing" } });
    fireEvent.click(screen.getByTestId("issue-create"));
    await waitFor(() => expect(api.seen("POST /api/jobs/8/issues")).toHaveLength(1));
    const sent = await api.seen("POST /api/jobs/8/issues")[0]!.json();
    expect(sent).toEqual({ frame: 0, region: { x: 20, y: 30, w: 100, h: 60 }, comment: "the van is missing" });
    await waitFor(() => expect(screen.getByTestId("issue-counts").textContent).toBe("3 open · 1 resolved"));
    expect(screen.getByTestId("issue-thread").dataset.issueId).toBe("24");
  });

  it("marks a point with a click of the new-issue tool", async () => {
    const api = reviewApi().on("POST /api/jobs/8/issues", 201, issue(25, 0, "open", { x: 40, y: 50, w: null, h: null }, "here"));
    open(api);
    await ready();
    fireEvent.keyDown(window, { key: "N", code: "KeyN", shiftKey: true });
    const surface = await screen.findByTestId("issue-surface");
    const at = onScreen(40, 50);
    fireEvent.pointerDown(surface, { clientX: at.x, clientY: at.y, pointerId: 1 });
    fireEvent.pointerUp(surface, { clientX: at.x + 1, clientY: at.y, pointerId: 1 });
    fireEvent.change(await screen.findByTestId("issue-draft-comment"), { target: { value: "here" } });
    fireEvent.click(screen.getByTestId("issue-create"));
    await waitFor(() => expect(api.seen("POST /api/jobs/8/issues")).toHaveLength(1));
    expect((await api.seen("POST /api/jobs/8/issues")[0]!.json()).region).toEqual({ x: 40, y: 50 });
  });

  it("resolves an issue and replies in its thread, naming the authors", async () => {
    const api = reviewApi()
      .on("POST /api/issues/21/resolve", 200, issue(21, 0, "resolved"))
      .on("POST /api/issues/22/comments", 201, { ...ISSUES[1]!, comments: [...ISSUES[1]!.comments, { id: 99, author_id: ADA.id, author_name: ADA.username, body: "done now?", created_at: "2026-11-26T12:00:00Z" }] });
    open(api);
    const panel = await issuesTab();
    fireEvent.click((await within(panel).findAllByTestId("issue-row"))[0]!);
    fireEvent.click(await screen.findByTestId("issue-resolve"));
    await waitFor(() => expect(screen.getByTestId("issue-counts").textContent).toBe("1 open · 2 resolved"));
    fireEvent.click(within(panel).getAllByTestId("issue-row")[0]!);
    fireEvent.change(await screen.findByTestId("issue-reply"), { target: { value: "done now?" } });
    fireEvent.click(screen.getByTestId("issue-send"));
    await waitFor(() => expect(screen.getAllByTestId("issue-comment").map((c) => c.textContent)).toEqual(["rosamissing car", "Youdone now?"]));
    expect(await api.seen("POST /api/issues/22/comments")[0]!.json()).toEqual({ body: "done now?" });
  });

  it("lets the annotator read and resolve issues but not open or reopen them", async () => {
    const api = reviewApi().on("GET /api/jobs/8", 200, { ...job, assignee_id: ADA.id, reviewer_id: 7 });
    open(api);
    const panel = await issuesTab();
    await within(panel).findAllByTestId("issue-row");
    expect(within(panel).queryByTestId("issue-new")).toBeNull();
    fireEvent.click(within(panel).getByTestId("issue-filter-resolved"));
    fireEvent.click(within(panel).getByTestId("issue-row"));
    expect(within(await screen.findByTestId("issue-thread")).queryByTestId("issue-reopen")).toBeNull();
  });
});

describe("review in French", () => {
  it("names the issues, their counts and the job's actions in French", async () => {
    const api = reviewApi().on("GET /api/auth/me", 200, { ...ADA, locale: "fr" });
    const extra = createExtraRoutes({ baseUrl: BASE_URL, fetch: api.fetch, cookies: () => "" });
    renderApp("/jobs/8", api, { locale: "fr", services: { extra, openStore: async () => new MemoryQueueStore(), createCanvas: headlessCanvas().create, createImageCache: () => instantImages() } });
    await ready();
    fireEvent.click(screen.getByTestId("side-tab-issues"));
    await waitFor(() => expect(screen.getByTestId("issue-counts").textContent).toBe("2 ouvert(s) · 1 résolu(s)"));
    expect(screen.getByTestId("side-tab-issues").textContent).toBe("Problèmes (2)");
    expect((await screen.findByTestId("job-accept")).textContent).toBe("Accepter");
  });
});

describe("the job actions", () => {
  it("offer what the server allows and move the job after saving", async () => {
    const api = reviewApi().on("POST /api/jobs/8/transitions", 200, moved("annotation", "rejected"));
    open(api);
    await ready();
    const actions = await screen.findByTestId("job-actions");
    await waitFor(() => expect(within(actions).getAllByRole("button").map((b) => b.dataset.testid)).toEqual(["job-reject", "job-accept"]));
    expect(within(actions).getByTestId("job-stage").textContent).toBe("Validation · New");
    fireEvent.click(within(actions).getByTestId("job-reject"));
    await waitFor(() => expect(api.seen("POST /api/jobs/8/transitions")).toHaveLength(1));
    expect(await api.seen("POST /api/jobs/8/transitions")[0]!.json()).toEqual({ action: "reject", open_next: false });
    await waitFor(() => expect(screen.getByTestId("job-message").textContent).toBe("Job moved to Annotation · Rejected."));
    expect(actions.dataset.stage).toBe("annotation");
  });

  it("say why accepting is refused while issues are open", async () => {
    const api = reviewApi().on("POST /api/jobs/8/transitions", 409, { ok: false, status: 409, errors: [{ loc: ["body", "action"], msg: "2 open", type: "issues_open" }] });
    open(api);
    await ready();
    fireEvent.click(await screen.findByTestId("job-accept"));
    const message = await screen.findByTestId("job-message");
    expect(message.dataset.kind).toBe("error");
    expect(message.textContent).toBe("The job still has open issues: resolve them or reject the job.");
  });

  it("do not move the job while its changes cannot be saved", async () => {
    const api = reviewApi().on("PATCH /api/jobs/8/annotations", 503, { ok: false, status: 503, errors: [] });
    open(api);
    await ready();
    fireEvent.click(await screen.findByTestId("object-row"));
    fireEvent.click(await screen.findByTestId("selection-delete"));
    fireEvent.click(await screen.findByTestId("job-accept"));
    const message = await screen.findByTestId("job-message");
    expect(message.textContent).toBe("Your changes are not saved yet: save them (or resolve the save problem) first.");
    expect(api.seen("POST /api/jobs/8/transitions")).toHaveLength(0);
  });

  it("submit and open the next job in one step", async () => {
    const api = reviewApi()
      .on("GET /api/jobs/8", 200, { ...job, stage: "annotation", state: "in_progress", assignee_id: ADA.id })
      .on("GET /api/jobs/8/transitions", 200, [{ action: "submit", to_stage: "validation", to_state: "new", description: "" }])
      .on("POST /api/jobs/8/transitions", 200, { job: { ...job }, next_job: { ...job, id: 9 } })
      .on("GET /api/jobs/9", 200, { ...job, id: 9 })
      .on("GET /api/jobs/9/annotations", 200, { revision: 1, shapes: [], tracks: [], tags: [] })
      .on("GET /api/jobs/9/issues", 200, [])
      .on("GET /api/jobs/9/transitions", 200, []);
    open(api);
    await ready();
    fireEvent.click(await screen.findByTestId("job-submit-next"));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/jobs/9"));
    expect(await api.seen("POST /api/jobs/8/transitions")[0]!.json()).toEqual({ action: "submit", open_next: true });
  });
});

describe("the guidelines gate", () => {
  it("shows the current version to acknowledge before working", async () => {
    const api = reviewApi()
      .on("GET /api/projects/2/guidelines", 200, guidelines(true))
      .on("POST /api/projects/2/guidelines/acknowledge", 200, { project_id: 2, version: 2, acknowledged_at: "2026-11-26T12:00:00Z" });
    open(api);
    const gate = await screen.findByTestId("guidelines-gate");
    expect(await within(gate).findByRole("heading", { name: "Rules v2" })).toBeTruthy();
    fireEvent.click(within(gate).getByTestId("guidelines-acknowledge"));
    await waitFor(() => expect(screen.queryByTestId("guidelines-gate")).toBeNull());
    expect(await api.seen("POST /api/projects/2/guidelines/acknowledge")[0]!.json()).toEqual({ version: 2 });
  });

  it("shows the newer version when one was published while reading", async () => {
    let reads = 0;
    const api = reviewApi()
      .on("GET /api/projects/2/guidelines", 200, () => (reads++ === 0 ? guidelines(true, 2) : { ...guidelines(true, 3), body: "# Rules v3" }))
      .on("POST /api/projects/2/guidelines/acknowledge", 409, { ok: false, status: 409, errors: [{ loc: ["body", "version"], msg: "the current version is 3", type: "stale_guidelines_version" }] });
    open(api);
    const gate = await screen.findByTestId("guidelines-gate");
    expect(within(gate).getByTestId("guidelines-version").textContent).toBe("Version 2 of the guidelines");
    fireEvent.click(within(gate).getByTestId("guidelines-acknowledge"));
    await waitFor(() => expect(within(gate).getByTestId("guidelines-version").textContent).toBe("Version 3 of the guidelines"));
    expect(await within(gate).findByRole("heading", { name: "Rules v3" })).toBeTruthy();
  });

  it("opens on a save refused for unread guidelines, then saves the same changes again", async () => {
    let refusals = 1;
    const api = reviewApi()
      .on("POST /api/projects/2/guidelines/acknowledge", 200, { project_id: 2, version: 2, acknowledged_at: "2026-11-26T12:00:00Z" })
      .on("PATCH /api/jobs/8/annotations", 200, () => (refusals-- > 0 ? { revision: -1 } : { revision: 4 }));
    // The first save is refused with 409 guidelines_not_acknowledged.
    const fetch = api.fetch;
    let saves = 0;
    const refusing = Object.assign(Object.create(api) as FakeApi, {
      fetch: async (r: Request) => {
        if (r.method === "PATCH" && saves++ === 0) {
          api.requests.push(r);
          return new Response(JSON.stringify({ ok: false, status: 409, errors: [{ loc: ["path", "job_id"], msg: "read", type: "guidelines_not_acknowledged" }] }), { status: 409, headers: { "Content-Type": "application/json" } });
        }
        return fetch(r);
      },
    });
    open(refusing);
    await ready();
    fireEvent.click(screen.getByTestId("side-tab-objects"));
    fireEvent.click(await screen.findByTestId("object-row"));
    fireEvent.click(await screen.findByTestId("selection-delete"));
    const gate = await screen.findByTestId("guidelines-gate", {}, { timeout: 2000 });
    expect(screen.queryByTestId("conflict-dialog")).toBeNull();
    fireEvent.click(within(gate).getByTestId("guidelines-acknowledge"));
    await waitFor(() => expect(screen.getByTestId("save-state").dataset.status).toBe("saved"));
    expect(api.seen("PATCH /api/jobs/8/annotations")).toHaveLength(2);
    expect(screen.queryByTestId("guidelines-gate")).toBeNull();
  });

  it("is one key away: G shows the current version", async () => {
    open(reviewApi());
    await ready();
    fireEvent.keyDown(window, { key: "g", code: "KeyG" });
    expect(await within(await screen.findByTestId("guidelines-panel")).findByRole("heading", { name: "Rules v2" })).toBeTruthy();
  });
});

describe("a link to an object", () => {
  it("opens the object's frame with the object selected and centred", async () => {
    const canvas = open(reviewApi().on("GET /api/jobs/8/annotations", 200, { revision: 3, shapes: [rect("a", 0, 10, 10, 50, 50), rect("b", 1, 100, 120, 140, 160)], tracks: [], tags: [] }), "/jobs/8?object=b");
    await ready();
    expect(screen.getByTestId("frame-indicator").dataset.frame).toBe("1");
    await waitFor(() => expect(canvas.editor().selected()).toEqual(["b"]));
    expect(onScreen(120, 140)).toEqual({ x: 400, y: 300 });
  });
});
