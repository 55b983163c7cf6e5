/**
 * Performance sanity for tracks at the target load: 200 tracks of 1,000 keyframes each, all on
 * the frame. A frame switch must cost one state per track — a binary search, at most one
 * segment built and a few attribute merges — not a walk over the keyframes. We count segments
 * and merges (the work that grows with keyframes) and check the whole switch stays far below a
 * 16 ms frame.
 */
import { beforeAll, describe, expect, it } from "vitest";

import type { Editor } from "../../src/editor";
import type { AnyTrack, TrackKeyframe } from "../../src/interpolation/model";
import { testEditor } from "../support/fixtures";

const TRACKS = 200;
const KEYFRAMES = 1_000;
/** A keyframe every other frame: odd frames are interpolated. */
const SPACING = 2;

function tracks(): AnyTrack[] {
  const out: AnyTrack[] = [];
  for (let t = 0; t < TRACKS; t++) {
    const keyframes: TrackKeyframe<"rectangle">[] = [];
    for (let k = 0; k < KEYFRAMES; k++) {
      const x = (t % 20) * 190 + ((k * 7) % 50);
      const y = Math.floor(t / 20) * 290 + ((k * 3) % 40);
      keyframes.push({
        frame: k * SPACING,
        geometry: { x1: x, y1: y, x2: x + 60, y2: y + 40, rotation: 0 },
        outside: false,
        occluded: k % 7 === 0,
        attributes: k % 10 === 0 ? { speed: k } : {},
        source: k % 3 === 0 ? "tracker" : "manual",
      });
    }
    out.push({ id: `t${t}`, kind: "rectangle", labelId: 1, zOrder: 0, attributes: { make: "vw" }, group: null, source: "manual", keyframes });
  }
  return out;
}

let editor: Editor;

/** Work done by `run`: segments built, attribute merges, and milliseconds. */
function cost(run: () => void): { segments: number; merges: number; ms: number } {
  const stats = editor.store.stateStats;
  const [segments, merges] = [stats.segments, stats.merges];
  const start = performance.now();
  run();
  return { segments: stats.segments - segments, merges: stats.merges - merges, ms: performance.now() - start };
}

beforeAll(() => {
  ({ editor } = testEditor({}, { width: 1600, height: 1000 }));
  editor.store.loadJob([], tracks(), 0);
});

describe("at 200 tracks of 1,000 keyframes", () => {
  it("shows every track on the frame, in the store and the spatial index", () => {
    editor.tracks.setFrame(1);
    expect(editor.store.size).toBe(TRACKS);
    expect(editor.index.size).toBe(TRACKS);
  });

  it("builds at most one segment per track when stepping to the next frame", () => {
    editor.tracks.setFrame(100);
    let worst = 0;
    for (let f = 101; f <= 300; f++) worst = Math.max(worst, cost(() => editor.tracks.setFrame(f)).segments);
    expect(worst).toBeLessThanOrEqual(TRACKS);
  });

  it("builds no segment when stepping back and forth within a few keyframes", () => {
    editor.tracks.setFrame(501);
    editor.tracks.setFrame(503);
    const c = cost(() => {
      for (const f of [501, 503, 500, 502, 501, 503]) editor.tracks.setFrame(f);
    });
    expect(c.segments).toBe(0);
    expect(c.merges).toBe(0);
  });

  it("seeks anywhere with one segment per track, merging each keyframe's attributes at most once", () => {
    let segments = 0;
    let merges = 0;
    for (let i = 0; i < 50; i++) {
      const c = cost(() => editor.tracks.setFrame(((i * 7919) % (KEYFRAMES * SPACING)) | 1));
      segments = Math.max(segments, c.segments);
      merges += c.merges;
    }
    expect(segments).toBeLessThanOrEqual(TRACKS);
    // Keyframes with attributes: one in ten, plus the first (merged with the track's own).
    expect(merges).toBeLessThanOrEqual(TRACKS * (KEYFRAMES / 10 + 1));
  });

  it("switches frames well within a 16 ms animation frame", () => {
    const times: number[] = [];
    for (let f = 1001; f < 1101; f++) times.push(cost(() => editor.tracks.setFrame(f)).ms);
    times.sort((a, b) => a - b);
    // Measured around 1 ms; a timer-free bound would not catch a switch that walks the keyframes.
    expect(times[Math.floor(times.length / 2)]).toBeLessThan(16);
  });
});
