/**
 * "Track forward N frames" for the selected box (or points): the editor's changes are saved first (the
 * server tracks what it has), the run starts from this frame (a keyframe is made here when the frame
 * shows an interpolated state, so correcting a frame and tracking again continues from the correction),
 * progress is polled, and when the run ends the job is reloaded with my unsent changes on top, which
 * brings the tracker's keyframes in. While it runs the track is locked, and a save refused because the
 * tracker saved first is re-based on the server's version at once.
 */
import { Channel } from "../../workspace/session/channel";
import type { WorkspaceController } from "../../workspace/session/controller";
import { setLocked } from "../../workspace/session/editing";
import type { TrackerName, TrackingRequest, VideoRoutes } from "../api/videoRoutes";
import { BROWSER_POLL_TIMERS, TrackerRun, type PollTimers, type TrackerState } from "../tracker/trackerRun";

/** The tracker that follows each kind: boxes take the chosen one, points take optical flow. */
export function trackerFor(kind: string, boxTracker: Exclude<TrackerName, "optical_flow">): TrackerName | null {
  if (kind === "rectangle") return boxTracker;
  if (kind === "points") return "optical_flow";
  return null;
}

export class TrackAssist {
  private readonly channel = new Channel<TrackerState | null>(null);
  private run: TrackerRun | null = null;
  private readonly unsubscribe: () => void;
  readonly subscribe = this.channel.subscribe;
  readonly state = this.channel.get;

  constructor(
    private readonly c: WorkspaceController,
    private readonly routes: Pick<VideoRoutes, "startTracking" | "backgroundJob" | "cancelBackgroundJob">,
    private readonly timers: PollTimers = BROWSER_POLL_TIMERS,
  ) {
    this.unsubscribe = c.engine.subscribe((save) => {
      if (save.status === "conflict" && this.running) void c.resolveConflict("mine");
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
    const run = new TrackerRun(this.routes, c.jobId, request, (s) => this.channel.set(s), this.timers);
    this.run = run;
    const end = await run.start();
    this.run = null;
    // The tracker wrote into the job: reload it, my unsent changes on top, and show the track.
    const track = end.trackId ?? locked;
    await c.refresh([track]);
    setLocked(c, [locked, track], false);
    if (end.phase === "succeeded") c.say("video.trackingDone", { frames });
    else if (end.phase === "cancelled") c.say("video.trackingCancelled");
    else c.say("video.trackingFailed", { detail: end.errors.join(" ") });
    return end;
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
