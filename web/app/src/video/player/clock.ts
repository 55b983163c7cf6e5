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

  /** Moves time on in repaints of `step` ms (60 Hz by default), running each repaint's callbacks. */
  advance(ms: number, step = 1000 / 60): void {
    const end = this.time + ms;
    while (this.time + step <= end + 1e-9) {
      this.time += step;
      const due = [...this.callbacks.values()];
      this.callbacks.clear();
      for (const cb of due) cb(this.time);
    }
    this.time = end;
  }
}
