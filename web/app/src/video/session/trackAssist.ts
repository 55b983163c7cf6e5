/**
 * "Track forward N frames" for the selected box (or points): the editor's changes are saved first (the
 * server tracks what it has), the run starts from this frame (a keyframe is made here when the frame
 * shows an interpolated state, so correcting a frame and tracking again continues from the correction),
 * progress is polled, and at every poll that moved the keyframes saved so far are read
 * (`TrackStream`) and put into the canvas (`receiveTrack`): they appear while the run goes on. When it
 * ends (or a save of mine is refused because the tracker saved first) the editor takes the server's
 * revision without reloading the canvas when nobody else changed the job (`takeRun`), so the undo
 * history holds: one undo takes the whole run back. The track is locked while the run goes on.
 */
import { Channel } from "../../workspace/session/channel";
import type { WorkspaceController } from "../../workspace/session/controller";
import { setLocked } from "../../workspace/session/editing";
import type { WireTrack } from "@annota/canvas-core";
import type { TrackerName, TrackingRequest, VideoRoutes } from "../api/videoRoutes";
import { takeRun, type RunCopy } from "../tracker/runSync";
import { BROWSER_POLL_TIMERS, TrackerRun, type PollTimers, type TrackerState } from "../tracker/trackerRun";
import { TrackStream } from "../tracker/trackStream";

/** What the tracker assist uses of the server. */
export type TrackerRoutes = Pick<VideoRoutes, "startTracking" | "backgroundJob" | "cancelBackgroundJob" | "trackCopy" | "jobDocument">;

/** The tracker that follows each kind: boxes take the chosen one, points take optical flow. */
export function trackerFor(kind: string, boxTracker: Exclude<TrackerName, "optical_flow">): TrackerName | null {
  if (kind === "rectangle") return boxTracker;
  if (kind === "points") return "optical_flow";
  return null;
}

/** A run under way: its keyframes read as they come. */
interface Live {
  readonly stream: TrackStream;
  readonly copy: RunCopy;
  reading: Promise<void> | null;
  again: boolean;
  syncing: boolean;
}

export class TrackAssist {
  private readonly channel = new Channel<TrackerState | null>(null);
  private run: TrackerRun | null = null;
  private live: Live | null = null;
  private runs = 0;
  private readonly unsubscribe: () => void;
  readonly subscribe = this.channel.subscribe;
  readonly state = this.channel.get;

  constructor(
    private readonly c: WorkspaceController,
    private readonly routes: TrackerRoutes,
    private readonly timers: PollTimers = BROWSER_POLL_TIMERS,
  ) {
    this.unsubscribe = c.engine.subscribe((save) => {
      // The tracker saved into the job since my last save: take its revision (the run so far) and send mine.
      const live = this.live;
      if (save.status === "conflict" && live !== null && !live.syncing) {
        live.syncing = true;
        void takeRun(c, routes, live.copy).finally(() => (live.syncing = false));
      }
    });
  }

  get running(): boolean {
    const phase = this.channel.get()?.phase;
    return phase === "starting" || phase === "queued" || phase === "running" || phase === "cancelling";
  }

  /** The request for the selected object, or null (and a message) when it cannot be tracked. */
  private request(frames: number, boxTracker: Exclude<TrackerName, "optical_flow">): TrackingRequest | null {
    const c = this.c;
    const canvas = c.canvas;
    const { selection, objects, states, frame } = c.snapshot();
    const id = selection[0];
    const object = objects.find((o) => o.id === id);
    if (canvas === null || selection.length !== 1 || id === undefined || object === undefined) {
      c.say("video.selectObject");
      return null;
    }
    const tracker = trackerFor(object.kind, boxTracker);
    if (tracker === null) {
      c.say("video.trackerKind");
      return null;
    }
    if (!Number.isInteger(frames) || frames < 1) {
      c.say("video.badFrameCount");
      return null;
    }
    const state = states?.get(id);
    if (state === "outside") {
      c.say("video.trackerOutside");
      return null;
    }
    if (state === "shape") return { shape_id: id, frames, tracker };
    if (state !== "keyframe" && !canvas.toggleKeyframe(id)) return null;
    return { track_id: id, from_frame: frame, frames, tracker };
  }

  async start(frames: number, boxTracker: Exclude<TrackerName, "optical_flow"> = "csrt"): Promise<TrackerState | null> {
    if (this.running) {
      this.c.say("video.trackerBusy");
      return null;
    }
    const request = this.request(frames, boxTracker);
    if (request === null) return null;
    const c = this.c;
    const locked = request.track_id ?? request.shape_id ?? "";
    this.channel.set({ phase: "starting", progress: 0, message: null, jobId: null, trackId: request.track_id ?? null, errors: [] });
    if (!(await this.saved())) {
      this.channel.set(null);
      c.say("video.trackerUnsaved");
      return null;
    }
    setLocked(c, [locked], true);
    const runName = `tracker run ${++this.runs}`;
    let live: Live | null = null;
    let lastProgress = -1;
    const run = new TrackerRun(this.routes, c.jobId, request, (s) => {
      this.channel.set(s);
      if (live === null && s.trackId !== null) {
        const from = request.from_frame ?? (request.shape_id !== undefined ? c.snapshot().frame : 0);
        live = { stream: new TrackStream(this.routes, c.jobId, s.trackId, from), copy: { trackId: s.trackId, replaces: request.shape_id !== undefined ? [request.shape_id] : [], run: runName }, reading: null, again: false, syncing: false };
        this.live = live;
      }
      if (live !== null && s.phase === "running" && s.progress !== lastProgress) {
        lastProgress = s.progress;
        this.pull(live);
      }
    }, this.timers);
    this.run = run;
    const end = await run.start();
    this.run = null;
    const track = end.trackId ?? locked;
    const ended = live as Live | null;
    if (ended !== null) {
      // Whatever the last polls had not read yet, then the server's revision.
      await this.settle(ended);
      await this.pull(ended);
      const outcome = await takeRun(c, this.routes, ended.copy);
      if (outcome === "kept" && c.canvas?.selected().length === 0 && c.snapshot().objects.some((o) => o.id === track)) c.canvas.select([track]);
    } else if (end.jobId !== null) await c.refresh([track]);
    this.live = null;
    setLocked(c, [locked, track], false);
    if (end.phase === "succeeded") c.say("video.trackingDone", { frames });
    else if (end.phase === "cancelled") c.say("video.trackingCancelled");
    else c.say("video.trackingFailed", { detail: end.errors.join(" ") });
    return end;
  }

  /** Reads what the run saved since the last read and puts it into the canvas (one read at a time; a poll during a read asks for one more). */
  private pull(live: Live): Promise<void> {
    if (live.reading !== null) {
      live.again = true;
      return live.reading;
    }
    const c = this.c;
    live.reading = (async () => {
      do {
        live.again = false;
        let track: WireTrack | null = null;
        try {
          track = await live.stream.read();
        } catch {
          return; // the next poll reads again
        }
        if (track === null || c.canvas === null) continue;
        const wasSelected = live.copy.replaces.some((id) => c.canvas?.selected().includes(id));
        try {
          c.canvas.receiveTrack(track, { replaces: live.copy.replaces, run: live.copy.run });
        } catch (error) {
          c.say("canvasError.invalid", { detail: error instanceof Error ? error.message : String(error) });
          return;
        }
        setLocked(c, [live.copy.trackId], true);
        if (wasSelected) c.canvas.select([live.copy.trackId]);
      } while (live.again);
    })().finally(() => (live.reading = null));
    return live.reading;
  }

  private async settle(live: Live): Promise<void> {
    while (live.reading !== null) await live.reading;
  }

  /** Sends what is queued and waits for the answer (a save already on its way included); true when the server has everything. */
  private async saved(): Promise<boolean> {
    const engine = this.c.engine;
    await this.c.saveNow();
    const busy = () => engine.state().status === "pending" || engine.state().status === "saving";
    if (busy()) {
      await new Promise<void>((resolve) => {
        const off = engine.subscribe(() => {
          if (busy()) return;
          off();
          resolve();
        });
      });
    }
    return engine.state().status === "saved";
  }

  cancel(): void {
    void this.run?.cancel();
  }

  /** Forgets a finished run's state (the panel's progress goes away). */
  dismiss(): void {
    if (!this.running) this.channel.set(null);
  }

  destroy(): void {
    this.unsubscribe();
    this.channel.clear();
  }
}
