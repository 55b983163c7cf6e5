/**
 * What of the timeline is on screen: the rows (tracks) the scrolled body shows, and the frames the
 * strips span (the whole job, or a zoomed-in window of it). Only those are laid out and painted, so a
 * job of 1,000 tracks × 40,000 frames costs what a screenful costs.
 */

/** Rows `start` … `stop - 1`. */
export interface RowRange {
  readonly start: number;
  readonly stop: number;
}

/** Rows of `rowHeight` px that a body scrolled to `scrollTop` and `height` px high shows, `overscan` more each side. */
export function visibleRows(scrollTop: number, height: number, rowHeight: number, count: number, overscan = 3): RowRange {
  const rows = Math.ceil(Math.max(height, rowHeight) / rowHeight);
  // Scrolled past the end (rows went away): the last screenful.
  const start = Math.max(0, Math.min(Math.floor(scrollTop / rowHeight) - overscan, count - rows - overscan));
  const stop = Math.min(count, Math.ceil((scrollTop + Math.max(height, rowHeight)) / rowHeight) + overscan);
  return { start, stop: Math.max(start, stop, Math.min(count, start + rows + overscan)) };
}

/** Frames `first` … `last` (both included) across the strips. */
export interface FrameWindow {
  readonly first: number;
  readonly last: number;
}

/** The fewest frames a window spans when zoomed in. */
export const MIN_WINDOW_FRAMES = 20;

function clampWindow(job: FrameWindow, first: number, span: number): FrameWindow {
  const total = job.last - job.first + 1;
  const frames = Math.min(total, Math.max(Math.min(MIN_WINDOW_FRAMES, total), Math.round(span)));
  const start = Math.min(Math.max(Math.round(first), job.first), job.last - frames + 1);
  return { first: start, last: start + frames - 1 };
}

/** Zooms by `factor` (< 1: in) keeping frame `anchor` under the same place. */
export function zoomWindow(view: FrameWindow, job: FrameWindow, anchor: number, factor: number): FrameWindow {
  const span = view.last - view.first + 1;
  const next = span * factor;
  const share = (anchor - view.first) / span;
  return clampWindow(job, anchor - share * next, next);
}

/** Moves the window by `frames` (negative: back), within the job. */
export function panWindow(view: FrameWindow, job: FrameWindow, frames: number): FrameWindow {
  return clampWindow(job, view.first + frames, view.last - view.first + 1);
}

/** The window moved just enough to show `frame` (the playhead left it). */
export function followFrame(view: FrameWindow, job: FrameWindow, frame: number): FrameWindow {
  if (frame >= view.first && frame <= view.last) return view;
  const span = view.last - view.first + 1;
  return clampWindow(job, frame < view.first ? frame : frame - span + 1, span);
}

/** The first index of sorted `list` whose value is ≥ `value` (binary search: the work does not grow with the list). */
export function lowerBound(list: readonly number[], value: number, from = 0, to = list.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
