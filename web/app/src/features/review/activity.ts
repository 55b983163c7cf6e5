/**
 * Active working time, measured in the editor: a person counts as active from an input (key, pointer,
 * wheel) until the next one, or for at most `idleMs` after it, and never while the tab is hidden. What
 * was measured goes to the server in heartbeats every `beatMs` while the person is active; after an
 * idle spell (or with the tab hidden) the heartbeats stop until the next input. The server then sums
 * active time, not the wall time between opening and closing a job.
 */
import type { Heartbeat } from "./reviewApi";

export interface ActivityClock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const BROWSER_CLOCK: ActivityClock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof setInterval>),
};

/** Without input for this long, a person is idle (ms). */
export const IDLE_MS = 60_000;
/** Heartbeats while active, every (ms). */
export const BEAT_MS = 30_000;
/** The server credits at most this much per heartbeat (s). */
const MAX_BEAT_SECONDS = 300;

export interface ActivityOptions {
  readonly send: (beat: Heartbeat) => Promise<void>;
  readonly clock?: ActivityClock;
  readonly idleMs?: number;
  readonly beatMs?: number;
}

export class ActivityTracker {
  private readonly send: (beat: Heartbeat) => Promise<void>;
  private readonly clock: ActivityClock;
  private readonly idleMs: number;
  private readonly beatMs: number;
  /** Active milliseconds measured and not yet sent. */
  private pendingMs = 0;
  private created = 0;
  private edited = 0;
  /** Time up to which activity has been counted, and until which the person counts as active. */
  private countedTo = 0;
  private activeUntil = 0;
  private timer: unknown = null;

  constructor(options: ActivityOptions) {
    this.send = options.send;
    this.clock = options.clock ?? BROWSER_CLOCK;
    this.idleMs = options.idleMs ?? IDLE_MS;
    this.beatMs = options.beatMs ?? BEAT_MS;
  }

  /** Whether the person counts as active now. */
  get active(): boolean {
    return this.clock.now() < this.activeUntil;
  }

  /** Whether heartbeats are being sent (they stop while idle). */
  get beating(): boolean {
    return this.timer !== null;
  }

  /** Seconds measured and not yet sent. */
  pendingSeconds(): number {
    this.accrue(this.clock.now());
    return this.pendingMs / 1000;
  }

  /** A key press, a pointer move, a wheel turn: the person is active for up to `idleMs` from now. */
  input(): void {
    const now = this.clock.now();
    this.accrue(now);
    if (now >= this.activeUntil) this.countedTo = now;
    this.activeUntil = now + this.idleMs;
    if (this.timer === null) this.timer = this.clock.setInterval(() => void this.beat(), this.beatMs);
  }

  /** The tab was hidden: nothing counts until the next input. */
  hidden(): void {
    const now = this.clock.now();
    this.accrue(now);
    this.activeUntil = Math.min(this.activeUntil, now);
  }

  /** Objects created and edited meanwhile (sent with the next heartbeat). */
  objects(created: number, edited: number): void {
    this.created += created;
    this.edited += edited;
  }

  /** Sends what was measured so far now (before a submit, when leaving the job). */
  flush(): Promise<void> {
    this.accrue(this.clock.now());
    return this.sendPending();
  }

  /** Leaves the job: sends the rest once; nothing counts and no heartbeat goes until the next input. */
  stop(): Promise<void> {
    this.hidden();
    this.stopBeating();
    return this.flush();
  }

  private accrue(now: number): void {
    const end = Math.min(now, this.activeUntil);
    if (end > this.countedTo) {
      this.pendingMs += end - this.countedTo;
      this.countedTo = end;
    }
  }

  private async beat(): Promise<void> {
    const now = this.clock.now();
    this.accrue(now);
    if (now >= this.activeUntil) this.stopBeating();
    await this.sendPending();
  }

  private stopBeating(): void {
    if (this.timer !== null) this.clock.clearInterval(this.timer);
    this.timer = null;
  }

  private async sendPending(): Promise<void> {
    const ms = Math.min(this.pendingMs, MAX_BEAT_SECONDS * 1000);
    const created = this.created;
    const edited = this.edited;
    if (ms < 1000 && created === 0 && edited === 0) return;
    this.pendingMs -= ms;
    this.created = 0;
    this.edited = 0;
    try {
      await this.send({ active_seconds: Math.round(ms / 100) / 10, objects_created: created, objects_edited: edited });
    } catch {
      // Not lost: measured again with the next heartbeat (the server credits at most the wall time since the last one).
      this.pendingMs += ms;
      this.created += created;
      this.edited += edited;
    }
  }
}
