/** Time and display frames for the player; tests drive a manual clock. */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Calls `callback` before the next repaint with the time then. */
  frame(callback: (now: number) => void): number;
  cancel(handle: number): void;
}

export const BROWSER_CLOCK: Clock = {
  now: () => performance.now(),
  frame: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

/** A clock that moves only when told: `advance(ms)` runs the repaint callbacks due. */
export class ManualClock implements Clock {
  private time = 0;
  private next = 1;
  private readonly callbacks = new Map<number, (now: number) => void>();

  now(): number {
    return this.time;
  }

  frame(callback: (now: number) => void): number {
    const handle = this.next++;
    this.callbacks.set(handle, callback);
    return handle;
  }

  cancel(handle: number): void {
    this.callbacks.delete(handle);
  }

  /** Moves time on by `ms`, repainting `hz` times a second on the way (each repaint runs the callbacks due then). */
  advance(ms: number, hz = 60): void {
    const start = this.time;
    const repaints = Math.floor((ms * hz) / 1000 + 1e-9);
    for (let k = 1; k <= repaints; k++) {
      this.time = start + (k * 1000) / hz;
      const due = [...this.callbacks.values()];
      this.callbacks.clear();
      for (const cb of due) cb(this.time);
    }
    this.time = start + ms;
  }
}
