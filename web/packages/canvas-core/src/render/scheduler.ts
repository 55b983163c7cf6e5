/** Batches redraw requests into one frame: any number of invalidations before the frame cost one render. */
export interface FrameScheduler {
  request(callback: () => void): void;
}

/** The browser's requestAnimationFrame (used by the DOM adapter). */
export function animationFrameScheduler(): FrameScheduler {
  return { request: (callback) => void requestAnimationFrame(() => callback()) };
}

/** Frames run only when `flush()` is called: for tests and headless use. */
export class ManualScheduler implements FrameScheduler {
  private pending: (() => void)[] = [];

  request(callback: () => void): void {
    this.pending.push(callback);
  }

  get requested(): number {
    return this.pending.length;
  }

  flush(): void {
    const run = this.pending;
    this.pending = [];
    for (const cb of run) cb();
  }
}
