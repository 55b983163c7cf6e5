/** A video job in a workspace, headless: the real canvas core, a frame store over fake chunks, a manual clock. */
import type { LabelPublic } from "@annota/api-client";
import type { Editor } from "@annota/canvas-core";
import type { BackgroundJob } from "../../../src/video/api/backgroundJob";
import { ApiError } from "@annota/api-client";
import type { WireTrack } from "@annota/canvas-core";
import type { TrackerRoutes } from "../../../src/video/session/trackAssist";
import { FrameStore } from "../../../src/video/media/frameStore";
import { ManualClock } from "../../../src/video/player/clock";
import { VideoSession } from "../../../src/video/session/videoSession";
import type { PollTimers } from "../../../src/video/tracker/trackerRun";
import { JobDocument, type DocumentBody } from "../../../src/workspace/document/jobDocument";
import type { SavedTrack, ServerDiff } from "../../../src/workspace/document/wire";
import { readLabels } from "../../../src/workspace/labels";
import { MemoryQueueStore } from "../../../src/workspace/save/queueStore";
import { SaveEngine, type SaveOutcome } from "../../../src/workspace/save/saveEngine";
import { WorkspaceController } from "../../../src/workspace/session/controller";
import { headlessCanvas, instantImages, rect } from "../../workspace/support";
import { chunkOf, fakeDecoder, flush } from "../support";

export const LABELS: LabelPublic[] = [
  { id: 1, project_id: 1, name: "car", color: "#ff0000", kind: "rectangle", position: 0, skeleton: null, attributes: [] },
  { id: 2, project_id: 1, name: "sign", color: "#00ff00", kind: "points", position: 1, skeleton: null, attributes: [] },
  { id: 3, project_id: 1, name: "road", color: "#0000ff", kind: "polygon", position: 2, skeleton: null, attributes: [] },
];

export function boxTrack(id: string, keyframes: readonly [number, number][], patch: Partial<SavedTrack> = {}): SavedTrack {
  return {
    id,
    kind: "rectangle",
    label_id: 1,
    z_order: 0,
    attributes: {},
    group: null,
    source: "manual",
    keyframes: keyframes.map(([frame, x]) => ({ frame, outside: false, occluded: false, attributes: {}, source: "manual", points: [x, 0, x + 10, 10], rotation: 0 })),
    ...patch,
  };
}

/** A job of frames 0…29: track `car` with keyframes on 0 (x 0) and 20 (x 20), a shape `s` on frame 5. */
export const JOB: DocumentBody = { revision: 1, shapes: [rect("s", 5, 50, 50, 60, 60)], tags: [], tracks: [boxTrack("car", [[0, 0], [20, 20]])] };

export interface ManualPoll extends PollTimers {
  tick(): Promise<void>;
}

export function manualPoll(): ManualPoll {
  let due: (() => void)[] = [];
  return {
    setTimeout: (fn) => {
      due.push(fn);
      return due.length;
    },
    clearTimeout: () => {
      due = [];
    },
    tick: async () => {
      const run = due;
      due = [];
      for (const fn of run) fn();
      await flush(5);
    },
  };
}

export interface VideoHarness {
  readonly c: WorkspaceController;
  readonly v: VideoSession;
  readonly clock: ManualClock;
  readonly poll: ManualPoll;
  readonly saves: { revision: number; diff: ServerDiff }[];
  readonly answers: SaveOutcome[];
  /** `hold`: saves wait for it before they are answered. */
  readonly server: { body: DocumentBody; hold: Promise<void> | null };
  /** `copies`: the `since_frame` of each read of the tracked track. */
  readonly tracking: { requests: unknown[]; jobs: BackgroundJob[]; copies: (number | null)[] };
  editor(): Editor;
}

export async function openVideo(body: DocumentBody = JOB, startFrame = 0): Promise<VideoHarness> {
  const saves: VideoHarness["saves"] = [];
  const answers: SaveOutcome[] = [];
  const server: VideoHarness["server"] = { body, hold: null };
  let revision = body.revision ?? 1;
  const engine = new SaveEngine({
    jobId: 1,
    revision,
    store: new MemoryQueueStore(),
    transport: {
      save: async (_job, rev, diff) => {
        saves.push({ revision: rev, diff });
        if (server.hold !== null) await server.hold;
        return answers.shift() ?? { type: "saved", revision: ++revision };
      },
    },
  });
  const frames = new FrameStore({ first: 0, last: 29, chunkSize: 10, frameBytes: 64, fetchChunk: async (k) => chunkOf(k * 10, k * 10 + 9), fetchFrame: async (n) => new Blob([String(n)]), decode: fakeDecoder(400, 300) });
  const c = new WorkspaceController({
    jobId: 1,
    frames: Array.from({ length: 30 }, (_, frame) => ({ frame, mediaId: 1, name: "", width: 400, height: 300 })),
    labels: readLabels(LABELS),
    document: JobDocument.fromBody(body),
    engine,
    images: instantImages(),
    imageUrl: () => "",
    loadDocument: async () => JobDocument.fromBody(server.body),
    startFrame,
    media: frames,
    wholeJob: true,
    drawMode: "track",
    newId: (() => {
      let n = 0;
      return () => `new-${++n}`;
    })(),
  });
  const tracking: VideoHarness["tracking"] = { requests: [], jobs: [], copies: [] };
  const routes: TrackerRoutes = {
    startTracking: async (_job, request) => {
      tracking.requests.push(request);
      return tracking.jobs.shift() as BackgroundJob;
    },
    backgroundJob: async () => tracking.jobs.shift() as BackgroundJob,
    cancelBackgroundJob: async () => tracking.jobs.shift() as BackgroundJob,
    // The server as `server.body` says: the track now, from a frame on.
    trackCopy: async (_job, trackId, sinceFrame) => {
      tracking.copies.push(sinceFrame);
      const track = server.body.tracks?.find((t) => t.id === trackId);
      if (track === undefined) throw new ApiError(404, [{ loc: ["path", "track_id"], msg: "no such track", type: "not_found" }]);
      const keyframes = track.keyframes.filter((k) => sinceFrame === null || k.frame > sinceFrame);
      return { revision: server.body.revision ?? 1, sinceFrame, track: { ...track, keyframes } as unknown as WireTrack };
    },
    jobDocument: async () => JobDocument.fromBody(server.body),
  };
  const clock = new ManualClock();
  const poll = manualPoll();
  const v = new VideoSession({ controller: c, frames, info: { taskId: 1, name: "v.mp4", frameCount: 30, frameCountExact: true, width: 2, height: 2, fps: 30, chunkSize: 10, chunkCount: 3, indexStatus: "ready" }, routes, clock, pollTimers: poll });
  const canvas = headlessCanvas();
  c.mount({} as HTMLElement, canvas.create);
  await flush();
  return { c, v, clock, poll, saves, answers, server, tracking, editor: canvas.editor };
}

/** The x of the left edge of object `id` on the frame shown. */
export function leftOf(c: WorkspaceController, id: string): number | undefined {
  const o = c.snapshot().objects.find((x) => x.id === id);
  return o === undefined ? undefined : (o.geometry as { x1: number }).x1;
}

/** Keyframe frames of track `id` as the canvas holds it. */
export function keyframesOf(c: WorkspaceController, id: string): readonly number[] {
  return c.canvas?.trackTimeline(id).keyframes ?? [];
}
