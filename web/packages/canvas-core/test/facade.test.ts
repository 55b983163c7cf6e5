// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { CanvasError } from "../src/errors";
import { createCanvas, type CanvasFacade } from "../src/facade";
import { LABELS, wireRect } from "./support/fixtures";
import { RecordingContext } from "./support/recording-context";

let container: HTMLElement;
let contexts: RecordingContext[];
let canvas: CanvasFacade | null;

beforeEach(() => {
  contexts = [];
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockImplementation(() => {
    const ctx = new RecordingContext();
    contexts.push(ctx);
    return ctx as unknown as CanvasRenderingContext2D;
  });
  container = document.createElement("div");
  Object.defineProperty(container, "clientWidth", { value: 800 });
  Object.defineProperty(container, "clientHeight", { value: 600 });
  document.body.append(container);
  canvas = null;
});

afterEach(() => {
  canvas?.destroy();
  container.remove();
  vi.restoreAllMocks();
});

function overlay(): HTMLCanvasElement {
  return container.querySelector('canvas[data-layer="overlay"]') as HTMLCanvasElement;
}

function pointer(type: string, x: number, y: number, init: PointerEventInit = {}): void {
  overlay().dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, button: 0, bubbles: true, ...init }));
}

describe("createCanvas", () => {
  it("stacks an image, an objects and an overlay canvas sized to the container", () => {
    canvas = createCanvas(container, { labels: LABELS });
    const layers = [...container.querySelectorAll("canvas")].map((c) => [c.dataset.layer, c.style.width, c.style.height]);
    expect(layers).toEqual([
      ["image", "800px", "600px"],
      ["objects", "800px", "600px"],
      ["overlay", "800px", "600px"],
    ]);
    // The fourth is the off-screen snapshot of the objects layer.
    expect(contexts).toHaveLength(4);
  });

  it("turns DOM pointer events into tool input in image coordinates", () => {
    canvas = createCanvas(container, { labels: LABELS, activeLabel: 1, tool: "rectangle", newId: () => "n1" });
    canvas.setImage({ source: {} as CanvasImageSource, width: 800, height: 600 });
    canvas.actualSize();
    const changes: string[] = [];
    canvas.on("objectsChanged", (e) => changes.push(...e.created.map((o) => o.id)));
    pointer("pointerdown", 10, 20);
    pointer("pointermove", 60, 80);
    pointer("pointerup", 60, 80);
    expect(changes).toEqual(["n1"]);
    expect(canvas.objects()[0]?.geometry).toEqual({ x1: 10, y1: 20, x2: 60, y2: 80, rotation: 0 });
  });

  it("handles keys it knows and prevents the browser's default for them only", () => {
    canvas = createCanvas(container, { labels: LABELS });
    canvas.setObjects({ shapes: [wireRect("a", 0, 0, 10, 10)] });
    canvas.select(["a"]);
    const root = container.firstElementChild as HTMLElement;
    const del = new KeyboardEvent("keydown", { key: "Delete", cancelable: true, bubbles: true });
    root.dispatchEvent(del);
    expect(del.defaultPrevented).toBe(true);
    expect(canvas.objects()).toEqual([]);
    const other = new KeyboardEvent("keydown", { key: "q", cancelable: true, bubbles: true });
    root.dispatchEvent(other);
    expect(other.defaultPrevented).toBe(false);
  });

  it("zooms on the wheel and keeps the page from scrolling", () => {
    canvas = createCanvas(container, { labels: LABELS });
    canvas.setImage({ source: {} as CanvasImageSource, width: 4000, height: 3000 });
    const before = canvas.viewport().scale;
    const wheel = new WheelEvent("wheel", { clientX: 400, clientY: 300, deltaY: -200, cancelable: true, bubbles: true });
    overlay().dispatchEvent(wheel);
    expect(wheel.defaultPrevented).toBe(true);
    expect(canvas.viewport().scale).toBeGreaterThan(before);
  });

  it("applies brightness, contrast and saturation as a CSS filter on the image layer", () => {
    canvas = createCanvas(container, {});
    canvas.setViewOptions({ brightness: 1.5 });
    const image = container.querySelector('canvas[data-layer="image"]') as HTMLCanvasElement;
    expect(image.style.filter).toBe("brightness(1.5) contrast(1) saturate(1)");
  });

  it("sets the overlay's cursor from the tool", () => {
    canvas = createCanvas(container, { labels: LABELS });
    canvas.setTool("polygon");
    expect(overlay().style.cursor).toBe("crosshair");
  });

  it("removes its elements and stops listening when destroyed", () => {
    canvas = createCanvas(container, { labels: LABELS, activeLabel: 1, tool: "rectangle" });
    const removed = vi.spyOn(overlay(), "removeEventListener");
    canvas.destroy();
    canvas = null;
    expect(container.children).toHaveLength(0);
    expect(removed.mock.calls.map((c) => c[0]).sort()).toEqual(["contextmenu", "pointercancel", "pointerdown", "pointerleave", "pointermove", "pointerup", "wheel"]);
  });

  it("fails with a located error when the browser gives no 2D context", () => {
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockImplementation(() => null);
    expect(() => createCanvas(container)).toThrowError(CanvasError);
    expect(container.children).toHaveLength(0);
  });
});
