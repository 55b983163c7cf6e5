import { beforeEach, describe, expect, it } from "vitest";

import type { Editor } from "../../src/editor";
import { DEFAULT_VIEW_OPTIONS, imageFilterCss, mergeViewOptions, objectColor } from "../../src/render/view-options";
import type { ManualScheduler } from "../../src/render/scheduler";
import type { RecordingContext } from "../support/recording-context";
import { at, testEditor, wireRect } from "../support/fixtures";

let editor: Editor;
let layers: { image: RecordingContext; objects: RecordingContext; overlay: RecordingContext };
let scheduler: ManualScheduler;

function frame(): ReturnType<Editor["render"]> {
  for (const l of Object.values(layers)) l.reset();
  return editor.render();
}

beforeEach(() => {
  ({ editor, layers, scheduler } = testEditor());
  editor.view.actualSize();
  editor.view.panBy(-editor.viewport.offsetX, -editor.viewport.offsetY); // image (0,0) at the top-left: view is x 0..800, y 0..600
});

describe("renderer", () => {
  it("draws only the objects inside the view (culling through the spatial index)", () => {
    editor.setObjects({ shapes: [wireRect("in", 10, 10, 50, 50), wireRect("right", 2000, 10, 2050, 50), wireRect("below", 10, 2000, 50, 2050)] });
    const stats = frame();
    expect(stats.objects?.drawn).toBe(1);
    expect(layers.objects.ops("rect").map((c) => c.args)).toEqual([[10, 10, 40, 40]]);
  });

  it("draws an object that only straddles the edge of the view", () => {
    editor.setObjects({ shapes: [wireRect("edge", 790, 590, 900, 700)] });
    expect(frame().objects?.drawn).toBe(1);
  });

  it("batches objects of one colour into few paths: 500 boxes take two fills and two strokes", () => {
    const shapes = Array.from({ length: 500 }, (_, i) => wireRect(`r${i}`, (i % 25) * 30, Math.floor(i / 25) * 30, (i % 25) * 30 + 20, Math.floor(i / 25) * 30 + 20));
    editor.setObjects({ shapes });
    const stats = frame();
    // 2,000 points, cut into paths of at most MAX_PATH_POINTS (1,500).
    expect(stats.objects).toMatchObject({ drawn: 500, batches: 2, points: 2000 });
    expect(layers.objects.count("rect")).toBe(500);
    expect(layers.objects.count("stroke")).toBe(2);
    expect(layers.objects.count("fill")).toBe(2);
  });

  it("keeps one batch per label colour, fills closed shapes only, and dashes occluded ones", () => {
    editor.setObjects({
      shapes: [
        wireRect("a", 0, 0, 10, 10),
        { ...wireRect("b", 20, 0, 30, 10), label_id: 2 },
        { id: "l", label_id: 1, kind: "polyline", points: [0, 50, 100, 50] },
        { ...wireRect("o", 40, 0, 50, 10), occluded: true },
      ],
    });
    const stats = frame();
    expect(stats.objects?.batches).toBe(4);
    expect(layers.objects.ops("fill").map((c) => c.fillStyle)).toEqual(["#ff0000", "#00ff00", "#ff0000"]);
    expect(layers.objects.ops("stroke").map((c) => c.strokeStyle)).toEqual(["#ff0000", "#00ff00", "#ff0000", "#ff0000"]);
    expect(layers.objects.ops("setLineDash").filter((c) => (c.args[0] as number[]).length > 0)).toHaveLength(1);
  });

  it("draws objects that are a few pixels on screen as their bounds (level of detail)", () => {
    const ring: number[] = [];
    for (let i = 0; i < 200; i++) ring.push(1000 + 10 * Math.cos((i / 200) * 2 * Math.PI), 1000 + 10 * Math.sin((i / 200) * 2 * Math.PI));
    editor.setObjects({ shapes: [{ id: "p", label_id: 1, kind: "polygon", points: ring }] });
    editor.view.fit(); // about 0.19 screen px per image px: the 20 px polygon is under 4 screen px
    const stats = frame();
    expect(stats.objects).toMatchObject({ drawn: 1, simplified: 1 });
    expect(layers.objects.count("lineTo")).toBe(0);
    expect(layers.objects.count("rect")).toBe(1);
  });

  it("leaves hidden objects out", () => {
    editor.setObjects({ shapes: [wireRect("a", 0, 0, 10, 10), wireRect("b", 20, 0, 30, 10)] });
    editor.setHidden(["a"], true);
    expect(frame().objects?.drawn).toBe(1);
  });

  it("moves the selected object to the overlay, with its handles", () => {
    editor.setObjects({ shapes: [wireRect("a", 0, 0, 100, 100), wireRect("b", 200, 0, 300, 100)] });
    editor.select(["a"]);
    const stats = frame();
    expect(stats.objects?.drawn).toBe(1);
    expect(stats.overlay).toEqual({ objects: 1, handles: 9 });
    expect(layers.overlay.ops("rect").map((c) => c.args)[0]).toEqual([0, 0, 100, 100]);
  });

  it("shows no handles for a locked selection", () => {
    editor.setObjects({ shapes: [wireRect("a", 0, 0, 100, 100)] });
    editor.select(["a"]);
    editor.setLocked(["a"], true);
    expect(frame().overlay?.handles).toBe(0);
  });

  it("redraws only the overlay while the selection is dragged, and the static layer once the selection changes", () => {
    editor.setObjects({ shapes: [wireRect("a", 0, 0, 100, 100), wireRect("b", 200, 0, 300, 100)] });
    editor.select(["a"]);
    frame();
    const tool = editor.tool;
    tool.pointerDown(at(50, 50));
    tool.pointerMove(at(60, 60));
    expect(frame().layers).toEqual(["overlay"]);
    tool.pointerMove(at(70, 70));
    expect(frame().layers).toEqual(["overlay"]);
    tool.pointerUp(at(70, 70));
    expect(frame().layers).toEqual(["overlay"]);
    editor.select(["b"]);
    expect(frame().layers).toEqual(["objects", "overlay"]);
  });

  it("redraws the static layer only around objects that are selected, deselected, drawn or deleted", () => {
    const shapes = Array.from({ length: 400 }, (_, i) => wireRect(`r${i}`, (i % 20) * 40, Math.floor(i / 20) * 30, (i % 20) * 40 + 30, Math.floor(i / 20) * 30 + 20));
    editor.setObjects({ shapes });
    expect(frame().objectsRegion).toBeNull();
    editor.select(["r21"]);
    const selected = frame();
    expect(selected.objectsRegion).toEqual([{ minX: 40, minY: 30, maxX: 70, maxY: 50 }]);
    // r21 and its neighbours within the margin are drawn again, clipped to the region; r21 itself goes to the overlay.
    expect(selected.objects?.drawn).toBeLessThan(10);
    expect(layers.objects.count("clip")).toBe(1);
    expect(layers.objects.count("clearRect")).toBe(1);
    editor.select([]);
    expect(frame().objectsRegion).toHaveLength(1);
    editor.store.apply({ delete: ["r0"] }, "delete");
    expect(frame().objectsRegion).toEqual([{ minX: 0, minY: 0, maxX: 30, maxY: 20 }]);
  });

  it("redraws the static layer in full after a pan, a load or new labels", () => {
    editor.setObjects({ shapes: [wireRect("a", 0, 0, 10, 10)] });
    frame();
    editor.view.panBy(3, 0);
    editor.select(["a"]);
    expect(frame().objectsRegion).toBeNull();
    editor.setLabels([{ id: 1, name: "car", color: "#123456", kind: "any" }]);
    expect(frame().objectsRegion).toBeNull();
  });

  it("redraws every layer on pan and zoom, and only the image for a new image of the same size", () => {
    frame();
    editor.view.panBy(5, 5);
    expect(frame().layers).toEqual(["image", "objects", "overlay"]);
    editor.setImage({ source: {} as CanvasImageSource, width: 4000, height: 3000 });
    expect(frame().layers).toEqual(["image"]);
  });

  it("asks for one animation frame however many changes come before it", () => {
    scheduler.flush();
    for (let i = 0; i < 50; i++) editor.view.panBy(1, 0);
    expect(scheduler.requested).toBe(1);
    scheduler.flush();
    expect(scheduler.requested).toBe(0);
    expect(layers.image.count("drawImage")).toBeGreaterThan(0);
  });

  it("draws the image at its size, with smoothing off when zoomed in", () => {
    const stats = frame();
    expect(stats.image?.image).toBe(true);
    expect(layers.image.ops("drawImage")[0]?.args.slice(1)).toEqual([0, 0, 4000, 3000]);
    for (let i = 0; i < 4; i++) editor.view.zoomIn();
    frame();
    expect(layers.image.imageSmoothingEnabled).toBe(false);
  });

  it("draws the pixel grid only from 8 screen pixels per image pixel, and only when enabled", () => {
    expect(frame().image?.gridLines).toBe(0);
    editor.setViewport({ ...editor.viewport, scale: 10 });
    const lines = frame().image?.gridLines ?? 0;
    expect(lines).toBe(81 + 61);
    editor.setViewOptions({ pixelGrid: false });
    expect(frame().image?.gridLines).toBe(0);
  });

  it("draws a crosshair through the cursor when enabled", () => {
    editor.setViewOptions({ crosshair: true });
    editor.inputs.pointerMove({ x: 100, y: 200, button: 0, shift: false, alt: false, ctrl: false });
    frame();
    expect(layers.overlay.ops("moveTo").map((c) => c.args)).toEqual([
      [0, 200],
      [100, 0],
    ]);
  });

  it("draws outlines only when asked", () => {
    editor.setObjects({ shapes: [wireRect("a", 0, 0, 10, 10)] });
    editor.setViewOptions({ outlineOnly: true });
    frame();
    expect(layers.objects.count("fill")).toBe(0);
    expect(layers.objects.count("stroke")).toBe(1);
  });

  it("colours by object from a fixed palette when asked", () => {
    editor.setObjects({ shapes: [wireRect("a", 0, 0, 10, 10), wireRect("b", 20, 0, 30, 10)] });
    editor.setViewOptions({ colorBy: "object" });
    frame();
    expect(layers.objects.ops("stroke").map((c) => c.strokeStyle).sort()).toEqual([objectColor("a"), objectColor("b")].sort());
    expect(objectColor("a")).toMatch(/^hsl\(/);
  });

  it("paints masks span by span", () => {
    editor.setObjects({ shapes: [{ id: "m", label_id: 5, kind: "mask", bbox: [10, 10, 16, 12], rle: [1, 11] }] });
    frame();
    expect(layers.objects.ops("rect").map((c) => c.args)).toEqual([
      [11, 10, 5, 1],
      [10, 11, 6, 1],
    ]);
  });

  it("draws a tool's draft on the overlay", () => {
    editor.setActiveLabel(1);
    editor.setTool("rectangle");
    editor.tool.pointerDown(at(0, 0));
    editor.tool.pointerMove(at(40, 30));
    const stats = frame();
    expect(stats.layers).toContain("overlay");
    expect(layers.overlay.ops("rect").map((c) => c.args)).toContainEqual([0, 0, 40, 30]);
  });
});

describe("view options", () => {
  it("build the image layer's CSS filter", () => {
    expect(imageFilterCss(DEFAULT_VIEW_OPTIONS)).toBe("none");
    expect(imageFilterCss({ ...DEFAULT_VIEW_OPTIONS, brightness: 1.3, contrast: 0.8, saturation: 0 })).toBe("brightness(1.3) contrast(0.8) saturate(0)");
  });

  it("reject values out of range or of the wrong type, naming each", () => {
    expect(() => mergeViewOptions(DEFAULT_VIEW_OPTIONS, { fillOpacity: 2, colorBy: "kind" as never, crosshair: 1 as never })).toThrowError(
      "viewOptions.fillOpacity: expected a number in [0, 1], got 2; viewOptions.colorBy: expected \"label\" or \"object\", got kind; viewOptions.crosshair: expected true or false, got 1",
    );
  });

  it("are applied to the image layer as a CSS filter by the editor", () => {
    const filters: string[] = [];
    const { editor: e } = testEditor();
    (e as unknown as { surface: { setImageFilter: (css: string) => void } }).surface.setImageFilter = (css) => filters.push(css);
    e.setViewOptions({ brightness: 2 });
    expect(filters).toEqual(["brightness(2) contrast(1) saturate(1)"]);
  });
});
