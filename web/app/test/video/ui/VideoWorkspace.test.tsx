import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { Locale } from "../../../src/i18n/locales";
import type { VideoRoutes } from "../../../src/video/api/videoRoutes";
import { ManualClock } from "../../../src/video/player/clock";
import { createExtraRoutes } from "../../../src/workspace/api/extraRoutes";
import { MemoryQueueStore } from "../../../src/workspace/save/queueStore";
import { ADA, BASE_URL, FakeApi, renderApp } from "../../harness";
import { headlessCanvas, instantImages, rect } from "../../workspace/support";
import { boxTrack, manualPoll } from "../session/harness";
import { chunkOf, fakeDecoder, flush } from "../support";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const job = { id: 8, task_id: 4, frame_start: 0, frame_stop: 29, revision: 3, stage: "annotation", state: "new", kind: "annotation", assignee_id: null, reviewer_id: null, priority: 0, deadline: null, updated_at: "2026-11-26T10:00:00Z", open_issues: 0 };
const task = { id: 4, project_id: 2, name: "Street video", owner_id: 1, subset: "", media_kind: "video", segment_size: 0, overlap: 0, deadline: null, created_at: "2026-11-26T10:00:00Z", updated_at: "2026-11-26T10:00:00Z" };
const project = { id: 2, name: "Street", description: "", guidelines: "", owner_id: 1, organization_id: null, deadline: null, created_at: "2026-11-26T10:00:00Z", updated_at: "2026-11-26T10:00:00Z" };
const labels = [{ id: 1, project_id: 2, name: "car", color: "#ff0000", kind: "rectangle", position: 0, skeleton: null, attributes: [] }];
const video = { task_id: 4, name: "street.mp4", frame_count: 30, frame_count_exact: true, width: 400, height: 300, fps: 30, chunk_size: 10, chunk_count: 3, index_status: "ready" };

function videoApi(kind: "video" | "image" = "video") {
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/jobs/8", 200, job)
    .on("GET /api/tasks/4", 200, { ...task, media_kind: kind })
    .on("GET /api/projects/2", 200, project)
    .on("GET /api/projects/2/labels", 200, labels)
    .on("GET /api/tasks/4/media", 200, { items: [{ id: 10, task_id: 4, frame: 0, name: "street.mp4", width: 400, height: 300, mime: kind === "video" ? "video/mp4" : "image/jpeg", size_bytes: 100, annotation_count: 0 }], count: 1, page: 1, page_size: 1000 })
    .on("GET /api/jobs/8/annotations", 200, { revision: 3, shapes: [rect("s", 5, 50, 50, 60, 60)], tracks: [boxTrack("car", [[0, 0], [20, 20]])], tags: [] })
    .on("GET /api/users/me/preferences", 200, {})
    .on("PATCH /api/jobs/8/annotations", 200, { revision: 4 })
    .on("GET /api/tasks/4/video", 200, video);
}

function open(api: FakeApi, { path = "/jobs/8", locale = "en" as Locale } = {}) {
  const clock = new ManualClock();
  const routes: VideoRoutes = {
    video: async () => (await import("../../../src/video/api/videoInfo")).readVideoInfo(video),
    chunk: async (k) => chunkOf(k * 10, k * 10 + 9),
    frame: async (n) => new Blob([String(n)]),
    startTracking: async () => {
      throw new Error("not in this test");
    },
    backgroundJob: async () => {
      throw new Error("not in this test");
    },
    cancelBackgroundJob: async () => {
      throw new Error("not in this test");
    },
    trackCopy: async () => {
      throw new Error("not in this test");
    },
    jobDocument: async () => {
      throw new Error("not in this test");
    },
  };
  const extra = createExtraRoutes({ baseUrl: BASE_URL, fetch: api.fetch, cookies: () => "annota_csrf=csrf-token" });
  const services = {
    extra,
    openStore: async () => new MemoryQueueStore(),
    createCanvas: headlessCanvas().create,
    createImageCache: () => instantImages(),
    video: { routes, decode: fakeDecoder(400, 300), clock, pollTimers: manualPoll() },
  };
  renderApp(path, api, { locale, services });
  return { clock };
}

const ready = () => waitFor(() => expect(screen.getByTestId("workspace").dataset.ready).toBe("true"));
const frame = () => Number(screen.getByTestId("workspace").dataset.frame);
const row = (id: string) => screen.getAllByTestId("timeline-row").find((r) => r.dataset.trackId === id) as HTMLElement;

describe("the workspace of a video job", () => {
  it("opens with the player, a timeline row per track with its keyframes, and each object's state on the frame", async () => {
    open(videoApi());
    await ready();
    expect(screen.getByTestId("workspace").dataset.video).toBe("true");
    expect(screen.getByTestId("frame-indicator").textContent).toBe("Frame 0 · 0–29");
    expect(row("car").dataset).toMatchObject({ keyframes: "0,20", state: "keyframe" });
    expect(screen.getByTestId("timeline-shapes").dataset.frames).toBe("5");
    const objectRow = screen.getAllByTestId("object-row")[0] as HTMLElement;
    expect(objectRow.dataset.state).toBe("keyframe");
    expect(within(objectRow).getByTestId("object-state").textContent).toBe("K");
  });

  it("goes to a typed frame, where the track shows interpolated", async () => {
    open(videoApi());
    await ready();
    const field = screen.getByTestId("player-frame");
    fireEvent.change(field, { target: { value: "12" } });
    fireEvent.keyDown(field, { key: "Enter" });
    await waitFor(() => expect(frame()).toBe(12));
    expect(row("car").dataset.state).toBe("interpolated");
    expect(screen.getByTestId("track-panel")).toBeTruthy();
  });

  it("plays with Shift+P, shows the frames as they come, and the URL follows once playback stops", async () => {
    const { clock } = open(videoApi());
    await ready();
    await flush();
    fireEvent.keyDown(window, { key: "P", code: "KeyP", shiftKey: true });
    expect(screen.getByTestId("player").dataset.playing).toBe("true");
    clock.advance(300);
    await waitFor(() => expect(frame()).toBe(9));
    fireEvent.keyDown(window, { key: "P", code: "KeyP", shiftKey: true });
    expect(screen.getByTestId("player").dataset).toMatchObject({ playing: "false", stalls: "0" });
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/jobs/8?frame=9"));
  });

  it("marks the selected track outside from this frame with Shift+O and saves the whole track", async () => {
    const api = videoApi();
    open(api);
    await ready();
    fireEvent.change(screen.getByTestId("player-frame"), { target: { value: "25" } });
    fireEvent.keyDown(screen.getByTestId("player-frame"), { key: "Enter" });
    await waitFor(() => expect(frame()).toBe(25));
    fireEvent.click(screen.getAllByTestId("object-row")[0] as HTMLElement);
    fireEvent.keyDown(window, { key: "O", code: "KeyO", shiftKey: true });
    await waitFor(() => expect(api.seen("PATCH /api/jobs/8/annotations")).toHaveLength(1), { timeout: 2000 });
    const body = await (api.seen("PATCH /api/jobs/8/annotations")[0] as Request).json();
    expect(body.tracks.update[0].keyframes.map((k: { frame: number; outside: boolean }) => [k.frame, k.outside])).toEqual([
      [0, false],
      [20, false],
      [25, true],
    ]);
    expect(row("car").dataset.outside).toBe("25-");
  });

  it("lists the video keys in the ? overlay of a video job only", async () => {
    open(videoApi());
    await ready();
    fireEvent.keyDown(window, { key: "?", code: "Slash", shiftKey: true });
    const dialog = await screen.findByTestId("shortcuts-dialog");
    const actions = within(dialog).getAllByTestId("shortcut-row").map((r) => r.dataset.action);
    expect(actions).toContain("video.playPause");
    expect(actions).toContain("video.track");
    cleanup();
    open(videoApi("image"));
    await ready();
    fireEvent.keyDown(window, { key: "?", code: "Slash", shiftKey: true });
    const imageDialog = await screen.findByTestId("shortcuts-dialog");
    expect(within(imageDialog).getAllByTestId("shortcut-row").some((r) => r.dataset.action?.startsWith("video."))).toBe(false);
  });

  it("speaks French to a French-speaking user: the player and the tracks panel", async () => {
    open(videoApi().on("GET /api/auth/me", 200, { ...ADA, locale: "fr" }), { locale: "fr" });
    await ready();
    expect(screen.getByTestId("frame-indicator").textContent).toBe("Image 0 · 0–29");
    expect(screen.getByTestId("player-play").getAttribute("aria-label")).toBe("Lire");
    expect(screen.getByTestId("player-next").getAttribute("aria-label")).toBe("Image suivante");
    expect(screen.getByTestId("player-range").textContent).toBe("Pas de plage de boucle");
    expect(screen.getByTestId("draw-mode-track").textContent).toBe("Piste");
  });

  it("lays out only the timeline rows on screen for a job of 1,000 tracks, and the others when scrolled to", async () => {
    const tracks = Array.from({ length: 1_000 }, (_, i) => boxTrack(`t${i}`, [[0, i % 300], [29, i % 300]]));
    open(videoApi().on("GET /api/jobs/8/annotations", 200, { revision: 3, shapes: [], tracks, tags: [] }));
    await ready();
    const timeline = screen.getByTestId("timeline");
    await waitFor(() => expect(screen.getAllByTestId("timeline-row").length).toBeGreaterThan(0));
    expect(screen.getAllByTestId("timeline-row").length).toBeLessThanOrEqual(15);
    expect(screen.getAllByTestId("timeline-row")[0]?.dataset.trackId).toBe("t0");

    const body = timeline.querySelector(".timeline__body") as HTMLElement;
    body.scrollTop = 22 * 500;
    fireEvent.scroll(body);
    await waitFor(() => expect(screen.getAllByTestId("timeline-row").map((r) => r.dataset.trackId)).toContain("t500"));
    expect(screen.getAllByTestId("timeline-row").length).toBeLessThanOrEqual(15);
    expect(screen.queryAllByTestId("timeline-row").some((r) => r.dataset.trackId === "t0")).toBe(false);
  });
});
