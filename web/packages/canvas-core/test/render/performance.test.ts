/**
 * Performance sanity without timing: at the target load (10,000 boxes + 1,000 polygons of 50
 * points on a 4000×3000 image) the work per interaction must not grow with the object count.
 * We count candidates, objects drawn and draw calls instead of milliseconds.
 */
import { beforeAll, describe, expect, it } from "vitest";

import type { Editor } from "../../src/editor";
import type { KindUtil } from "../../src/kinds/kind";
import { polygonKind } from "../../src/kinds/polygon";
import { rectangleKind } from "../../src/kinds/rectangle";
import { KIND_REGISTRY, type KindRegistry } from "../../src/kinds/registry";
import { MAX_PATH_POINTS } from "../../src/render/object-layer";
import { at, targetScene, testEditor } from "../support/fixtures";
import type { RecordingContext } from "../support/recording-context";

let hitTests = 0;

function counting<K extends "rectangle" | "polygon">(util: KindUtil<K>): KindUtil<K> {
  return {
    ...util,
    hitTest(...args: Parameters<KindUtil<K>["hitTest"]>) {
      hitTests++;
      return util.hitTest(...args);
    },
  };
}

const registry: KindRegistry = { ...KIND_REGISTRY, rectangle: counting(rectangleKind), polygon: counting(polygonKind) };

let editor: Editor;
let layers: { image: RecordingContext; objects: RecordingContext; overlay: RecordingContext };

beforeAll(() => {
  ({ editor, layers } = testEditor({ registry }, { width: 1600, height: 1000 }));
  editor.setObjects(targetScene());
});

describe("at 10,000 boxes and 1,000 polygons", () => {
  it("loads every object into the store and the spatial index", () => {
    expect(editor.store.size).toBe(11_000);
    expect(editor.index.size).toBe(11_000);
  });

  it("hit-tests only a handful of candidates per click, not 11,000", () => {
    let worst = 0;
    for (let i = 0; i < 200; i++) {
      hitTests = 0;
      editor.pickAt({ x: (i * 997) % 4000, y: (i * 613) % 3000 });
      worst = Math.max(worst, hitTests);
    }
    expect(worst).toBeLessThan(25);
  });

  it("draws only what is in view when zoomed in", () => {
    editor.setViewport({ ...editor.viewport, scale: 2, offsetX: -2000, offsetY: -1000 });
    const stats = editor.render();
    // The view covers 800×500 image px, 3.3 % of the image.
    expect(stats.objects?.drawn).toBeGreaterThan(50);
    expect(stats.objects?.drawn).toBeLessThan(1_000);
  });

  it("draws the whole image in a few dozen paths, not one per object", () => {
    editor.view.fit();
    layers.objects.reset();
    const stats = editor.render();
    expect(stats.objects?.drawn).toBe(11_000);
    // Three label colours; paths cut every MAX_PATH_POINTS points: 90,000 points → about 60 paths.
    expect(stats.objects?.points).toBe(10_000 * 4 + 1_000 * 50);
    expect(stats.objects?.batches).toBeLessThanOrEqual(Math.ceil(90_000 / MAX_PATH_POINTS) + 3);
    expect(layers.objects.count("stroke")).toBe(stats.objects?.batches);
    expect(layers.objects.count("fill")).toBe(stats.objects?.batches);
    expect(layers.objects.count("rect")).toBe(10_000);
  });

  it("selects one object redrawing only its neighbourhood of the static layer", () => {
    editor.view.fit();
    editor.render();
    editor.select(["r1234"]);
    const stats = editor.render();
    expect(stats.objectsRegion).toHaveLength(1);
    expect(stats.objects?.drawn).toBeLessThan(50);
    editor.select([]);
    expect(editor.render().objects?.drawn).toBeLessThan(50);
  });

  it("moves one selected object redrawing only the overlay, with one object on it", () => {
    editor.view.actualSize();
    const first = editor.store.get("r0")!.geometry as { x1: number; y1: number; x2: number; y2: number };
    // The object a click at r0's centre picks (a smaller box may lie on top of it).
    const id = editor.pickAt({ x: (first.x1 + first.x2) / 2, y: (first.y1 + first.y2) / 2 })!.id;
    editor.select([id]);
    editor.render();
    const r0 = editor.store.get(id)!.geometry as { x1: number; y1: number; x2: number; y2: number };
    const tool = editor.tool;
    tool.pointerDown(at((r0.x1 + r0.x2) / 2, (r0.y1 + r0.y2) / 2));
    for (let i = 1; i <= 10; i++) {
      tool.pointerMove(at((r0.x1 + r0.x2) / 2 + i * 5, (r0.y1 + r0.y2) / 2));
      const stats = editor.render();
      expect(stats.layers).toEqual(["overlay"]);
      expect(stats.overlay?.objects).toBe(1);
    }
    tool.pointerUp(at((r0.x1 + r0.x2) / 2 + 50, (r0.y1 + r0.y2) / 2));
    expect(editor.store.history()).toHaveLength(1);
    expect(editor.index.boxOf(id)?.minX).toBeCloseTo(r0.x1 + 50);
  });
});
