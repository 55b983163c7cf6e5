/**
 * One tracker run on the server: started, polled for progress until it ends, cancellable. The run
 * writes keyframes into the job itself; the editor reloads the track when the run is over.
 */
import { isFinished, type BackgroundJob } from "../api/backgroundJob";
import type { TrackingRequest, VideoRoutes } from "../api/videoRoutes";

export type TrackerPhase = "starting" | "queued" | "running" | "cancelling" | "succeeded" | "failed" | "cancelled";

export interface TrackerState {
  readonly phase: TrackerPhase;
  /** 0 … 1. */
  readonly progress: number;
  readonly message: string | null;
  /** The background job, once the server took the request. */
  readonly jobId: number | null;
  /** The track the run writes into (a new id when it started from a shape). */
  readonly trackId: string | null;
  readonly errors: readonly string[];
}

export interface PollTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const BROWSER_POLL_TIMERS: PollTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** How often progress is asked for, and how many failed polls in a row end the wait. */
export const POLL_MS = 400;
const MAX_POLL_FAILURES = 15;

export class TrackerRun {
  private current: TrackerState = { phase: "starting", progress: 0, message: null, jobId: null, trackId: null, errors: [] };
  private timer: unknown = null;
  private failures = 0;
  private cancelAsked = false;
  private finish: (state: TrackerState) => void = () => {};
  /** Resolves with the last state once the run has ended (succeeded, failed or cancelled). */
  readonly done: Promise<TrackerState>;

  constructor(
    private readonly routes: Pick<VideoRoutes, "startTracking" | "backgroundJob" | "cancelBackgroundJob">,
    private readonly jobId: number,
    private readonly request: TrackingRequest,
    private readonly onChange: (state: TrackerState) => void,
    private readonly timers: PollTimers = BROWSER_POLL_TIMERS,
  ) {
    this.done = new Promise((resolve) => (this.finish = resolve));
  }

  state(): TrackerState {
    return this.current;
  }

  private set(patch: Partial<TrackerState>): void {
    this.current = { ...this.current, ...patch };
    this.onChange(this.current);
    if (patch.phase === "succeeded" || patch.phase === "failed" || patch.phase === "cancelled") {
      if (this.timer !== null) this.timers.clearTimeout(this.timer);
      this.timer = null;
      this.finish(this.current);
    }
  }

  private take(job: BackgroundJob): void {
    const phase: TrackerPhase = isFinished(job.status) ? job.status : this.cancelAsked || job.cancelRequested ? "cancelling" : job.status;
    this.set({ phase, progress: job.status === "succeeded" ? 1 : job.progress, message: job.message, jobId: job.id, trackId: job.trackId ?? this.current.trackId, errors: job.errors });
  }

  async start(): Promise<TrackerState> {
    try {
      this.take(await this.routes.startTracking(this.jobId, this.request));
    } catch (error) {
      this.set({ phase: "failed", errors: [error instanceof Error ? error.message : String(error)] });
      return this.done;
    }
    if (this.cancelAsked) void this.cancel();
    this.poll();
    return this.done;
  }

  private poll(): void {
    if (isFinal(this.current.phase)) return;
    this.timer = this.timers.setTimeout(async () => {
      this.timer = null;
      const id = this.current.jobId;
      if (id === null) return;
      try {
        this.take(await this.routes.backgroundJob(id));
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        if (this.failures >= MAX_POLL_FAILURES) {
          this.set({ phase: "failed", errors: [error instanceof Error ? error.message : String(error)] });
          return;
        }
      }
      this.poll();
    }, POLL_MS);
  }

  /** Asks the server to stop; what was tracked so far stays. */
  async cancel(): Promise<void> {
    this.cancelAsked = true;
    const id = this.current.jobId;
    if (id === null || isFinal(this.current.phase)) return;
    this.set({ phase: "cancelling" });
    try {
      this.take(await this.routes.cancelBackgroundJob(id));
    } catch {
      // A job that ended meanwhile answers 409: the next poll tells how it ended.
    }
  }
}

function isFinal(phase: TrackerPhase): boolean {
  return phase === "succeeded" || phase === "failed" || phase === "cancelled";
}
