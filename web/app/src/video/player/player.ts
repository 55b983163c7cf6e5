/**
 * Playback of a video job: a clock says which frame is due (frames × speed), the player shows it when
 * its picture is decoded, and otherwise holds the frame on screen until it is — playback slows down
 * rather than jumping. Loop a range, change speed (0.25× … 4×), and see what the last playback cost:
 *
 * | stat      | counts                                                                      |
 * |-----------|-----------------------------------------------------------------------------|
 * | shown     | frames shown while playing                                                   |
 * | skipped   | frames passed over because the display repaints slower than frames are due (4× on a 60 Hz screen) |
 * | late      | frames shown after their time because they were not decoded when due          |
 * | stalls    | times playback waited for a frame not decoded (each is one freeze), and `stalledMs` in all |
 *
 * Waiting for the first frame after `play` (just after a seek, the frames ahead are still decoding) is
 * starting up, not a stall.
 */
import { Channel } from "../../workspace/session/channel";
import { BROWSER_CLOCK, type Clock } from "./clock";

export const SPEEDS = [0.25, 0.5, 1, 1.5, 2, 4] as const;

/** What the player moves: the job's frames, the frame on screen, and showing a decoded frame. */
export interface PlayerTarget {
  readonly first: number;
  readonly last: number;
  current(): number;
  /** Whether the frame's picture is decoded (it can be shown at once). */
  ready(frame: number): boolean;
  /** Shows a decoded frame at once. */
  show(frame: number): void;
  /** Playback wants frames up to `frames` ahead decoded. */
  lookahead(frames: number): void;
}

export interface FrameRange {
  readonly start: number;
  readonly stop: number;
}

export interface PlayerState {
  readonly playing: boolean;
  readonly speed: number;
  /** The range to loop over, both ends included (null: none set). */
  readonly range: FrameRange | null;
  /** Whether playback loops over `range` (or over the whole job when none is set). */
  readonly looping: boolean;
}

export interface PlaybackStats {
  readonly shown: number;
  readonly skipped: number;
  readonly late: number;
  readonly stalls: number;
  readonly stalledMs: number;
}

const NO_STATS: PlaybackStats = { shown: 0, skipped: 0, late: 0, stalls: 0, stalledMs: 0 };
/** Seconds of playback kept decoded ahead of the playhead. */
const LOOKAHEAD_S = 1.5;

export class Player {
  private readonly channel: Channel<PlayerState>;
  private counts: { -readonly [K in keyof PlaybackStats]: PlaybackStats[K] } = { ...NO_STATS };
  private handle: number | null = null;
  private anchorFrame = 0;
  private anchorTime = 0;
  private stalledSince: number | null = null;
  /** Whether a frame was shown since `play`: waits before that are the start, not stalls. */
  private started = false;

  readonly subscribe: (listener: () => void) => () => void;
  readonly state: () => PlayerState;

  constructor(
    private readonly target: PlayerTarget,
    /** Frames per second at speed 1. */
    readonly fps: number,
    private readonly clock: Clock = BROWSER_CLOCK,
  ) {
    this.channel = new Channel<PlayerState>({ playing: false, speed: 1, range: null, looping: false });
    this.subscribe = this.channel.subscribe;
    this.state = this.channel.get;
    target.lookahead(this.lookahead());
  }

  stats(): PlaybackStats {
    return { ...this.counts };
  }

  private set(patch: Partial<PlayerState>): void {
    this.channel.set({ ...this.channel.get(), ...patch });
  }

  private lookahead(): number {
    return Math.ceil(this.fps * this.state().speed * LOOKAHEAD_S);
  }

  /** The frames playback runs over: the loop range when looping over one, else the job. */
  private bounds(): FrameRange {
    const { range, looping } = this.state();
    return looping && range !== null ? range : { start: this.target.first, stop: this.target.last };
  }

  play(): void {
    if (this.state().playing) return;
    const { start, stop } = this.bounds();
    const current = this.target.current();
    // At the end (or outside the loop), play starts again from the beginning.
    if (current >= stop || current < start) {
      if (this.target.ready(start)) this.target.show(start);
      this.anchorFrame = start;
    } else this.anchorFrame = current;
    this.anchorTime = this.clock.now();
    this.stalledSince = null;
    this.started = false;
    this.counts = { ...NO_STATS };
    this.set({ playing: true });
    this.schedule();
  }

  pause(): void {
    if (this.handle !== null) this.clock.cancel(this.handle);
    this.handle = null;
    this.endStall(this.clock.now());
    if (this.state().playing) this.set({ playing: false });
  }

  toggle(): void {
    if (this.state().playing) this.pause();
    else this.play();
  }

  setSpeed(speed: number): void {
    if (!(speed >= SPEEDS[0] && speed <= (SPEEDS.at(-1) as number))) throw new RangeError(`speed ${speed} is not within ${SPEEDS[0]}–${SPEEDS.at(-1)}`);
    this.reanchor();
    this.set({ speed });
    this.target.lookahead(this.lookahead());
  }

  /** One step faster (+1) or slower (−1) through SPEEDS. */
  stepSpeed(direction: 1 | -1): void {
    const i = SPEEDS.findIndex((s) => s >= this.state().speed);
    const next = SPEEDS[Math.min(Math.max((i < 0 ? SPEEDS.length - 1 : i) + direction, 0), SPEEDS.length - 1)] as number;
    this.setSpeed(next);
  }

  /** Sets the loop range (start and stop in either order, clamped to the job). */
  setRange(range: FrameRange | null): void {
    if (range === null) {
      this.set({ range: null });
      return;
    }
    const clamp = (f: number) => Math.min(Math.max(Math.round(f), this.target.first), this.target.last);
    const [start, stop] = [clamp(range.start), clamp(range.stop)].sort((a, b) => a - b) as [number, number];
    this.set({ range: { start, stop } });
  }

  setLooping(looping: boolean): void {
    this.set({ looping });
  }

  destroy(): void {
    this.pause();
    this.channel.clear();
  }

  private reanchor(): void {
    this.anchorFrame = this.target.current();
    this.anchorTime = this.clock.now();
  }

  private schedule(): void {
    this.handle = this.clock.frame((now) => this.tick(now));
  }

  private endStall(now: number): void {
    if (this.stalledSince === null) return;
    this.counts.stalledMs += now - this.stalledSince;
    this.stalledSince = null;
  }

  private tick(now: number): void {
    this.handle = null;
    if (!this.state().playing) return;
    const { start, stop } = this.bounds();
    const current = this.target.current();
    let due = this.anchorFrame + Math.floor(((now - this.anchorTime) * this.fps * this.state().speed) / 1000);
    if (due > stop) {
      if (!this.state().looping) {
        if (current !== stop && this.target.ready(stop)) this.target.show(stop);
        this.pause();
        return;
      }
      // Around the loop: the range's first frame is due now.
      this.anchorFrame = start;
      this.anchorTime = now;
      due = start;
    }
    if (due !== current) this.advance(now, current, due);
    this.schedule();
  }

  private advance(now: number, current: number, due: number): void {
    const wrapped = due < current;
    if (this.target.ready(due)) {
      this.endStall(now);
      this.target.show(due);
      this.counts.shown += 1;
      if (!wrapped) this.counts.skipped += due - current - 1;
      this.started = true;
      return;
    }
    const next = wrapped ? due : current + 1;
    let waiting = false;
    if (next !== due && this.target.ready(next)) {
      // Behind: show the next frame now and carry on from it.
      this.endStall(now);
      this.target.show(next);
      this.counts.shown += 1;
      if (this.started) this.counts.late += 1;
      this.started = true;
    } else {
      waiting = true;
      if (this.started && this.stalledSince === null) {
        this.stalledSince = now;
        this.counts.stalls += 1;
      }
    }
    this.anchorFrame = waiting ? current : next;
    this.anchorTime = now;
  }
}
