import { beforeEach, describe, expect, it } from "vitest";

import type { Editor } from "../../src/editor";
import { Renderer } from "../../src/render/renderer";
import { ManualScheduler } from "../../src/render/scheduler";
import { MAX_STALE_MS, MOVE_BITMAP_MIN_POINTS, SETTLE_MS } from "../../src/render/view-cache";
import { panBy } from "../../src/viewport";
import { RecordingContext } from "../support/recording-context";
import { testEditor, wireRect } from "../support/fixtures";

let editor: Editor;
let now: number;
let renderer: Renderer;
let objects: RecordingContext;
let snapshot: RecordingContext;
const snapshotSource = { snapshot: true } as unknown as CanvasImageSource;

function heavy(count: number): void {
  const shapes = Array.from({ length: count }, (_, i) => wireRect(`r${i}`, (i % 100) * 40, Math.floor(i / 100) * 40, (i % 100) * 40 + 30, Math.floor(i / 100) * 40 + 30));
  editor.setObjects({ shapes });
}

let direction = 1;

/** A pan of 10 px, back and forth so that the scene stays in view. */
function pan(): void {
  editor.setViewport(panBy(editor.viewport, 10 * direction, 0));
  direction = -direction;
  renderer.invalidateView();
}

beforeEach(() => {
  editor = testEditor().editor;
  now = 0;
  direction = 1;
  objects = new RecordingContext();
  snapshot = new RecordingContext();
  const layers = { image: new RecordingContext(), objects, overlay: new RecordingContext(), objectsSnapshot: { ctx: snapshot, source: snapshotSource } };
  renderer = new Renderer(editor.scene, layers, new ManualScheduler(), () => now);
  renderer.bind();
});

describe("objects layer during pans", () => {
  it("renders into the snapshot and shows it", () => {
    heavy(10);
    const stats = renderer.render();
    expect(stats.objects?.drawn).toBe(10);
    expect(snapshot.count("rect")).toBe(10);
    expect(objects.ops("drawImage").map((c) => c.args[0])).toEqual([snapshotSource]);
  });

  it("redraws a light scene in full on every pan", () => {
    heavy(100);
    renderer.render();
    pan();
    expect(renderer.render()).toMatchObject({ objectsMoved: false, objects: { drawn: 100 } });
  });

  it("moves a heavy scene as a bitmap while the view changes, then redraws it once settled", () => {
    heavy(MOVE_BITMAP_MIN_POINTS / 4 + 100);
    renderer.render();
    now += 16;
    pan();
    const moved = renderer.render();
    expect(moved).toMatchObject({ objectsMoved: true, objects: null });
    expect(objects.ops("setTransform").at(-1)?.args).toEqual([1, 0, 0, 1, 10, 0]);
    now += SETTLE_MS - 1;
    expect(renderer.render().objectsMoved).toBe(false);
    expect(renderer.render().objects).toBeNull();
    now += 1;
    expect(renderer.render().objects?.drawn).toBeGreaterThan(0);
  });

  it("redraws in full at least every MAX_STALE_MS during a long gesture", () => {
    heavy(MOVE_BITMAP_MIN_POINTS / 4 + 100);
    renderer.render();
    const full: number[] = [];
    for (let t = 16; t <= 1000; t += 16) {
      now = t;
      pan();
      if (renderer.render().objects !== null) full.push(t);
    }
    expect(full.length).toBeGreaterThanOrEqual(Math.floor(1000 / MAX_STALE_MS));
    expect(full.length).toBeLessThan(10);
  });

  it("redraws in full, not locally, when an object changes while the layer shows a moved bitmap", () => {
    heavy(MOVE_BITMAP_MIN_POINTS / 4 + 100);
    renderer.render();
    now += 16;
    pan();
    expect(renderer.render().objectsMoved).toBe(true);
    editor.store.apply({ delete: ["r0"] }, "delete");
    const stats = renderer.render();
    expect(stats.objectsRegion).toBeNull();
    expect(stats.objects?.drawn).toBeGreaterThan(1000);
  });

  it("redraws in full when objects change, even mid-gesture", () => {
    heavy(MOVE_BITMAP_MIN_POINTS / 4 + 100);
    renderer.render();
    pan();
    renderer.invalidate("objects");
    expect(renderer.render().objectsMoved).toBe(false);
  });
});
