/** Test doubles for the workspace: a headless canvas (the real editor on null contexts), images, shapes. */
import { Editor, facadeOf, ManualScheduler, type CanvasFacade, type CanvasOptions, type DrawContext } from "@annota/canvas-core";
import { ImageCache } from "../../src/workspace/media/imageCache";
import type { SavedShape, SavedTag, ServerDiff } from "../../src/workspace/document/wire";
import { emptyDiff } from "../../src/workspace/document/wire";

/** A 2D context that draws nothing: every method is a no-op, properties keep what is set. */
export function nullContext(): DrawContext {
  const state: Record<string | symbol, unknown> = { fillStyle: "", strokeStyle: "", lineWidth: 1, globalAlpha: 1 };
  const noop = () => undefined;
  return new Proxy(state, {
    get: (target, key) => (key in target ? target[key] : noop),
    set: (target, key, value) => {
      target[key] = value;
      return true;
    },
  }) as unknown as DrawContext;
}

export interface HeadlessCanvas {
  readonly create: (container: HTMLElement, options: CanvasOptions) => CanvasFacade;
  editor(): Editor;
}

/** The real canvas core, without a DOM: what `createCanvas` builds, drawn into null contexts. */
export function headlessCanvas(): HeadlessCanvas {
  let built: Editor | null = null;
  return {
    create: (_container, options) => {
      built = new Editor(
        { layers: { image: nullContext(), objects: nullContext(), overlay: nullContext() }, scheduler: new ManualScheduler(), width: 800, height: 600 },
        options,
      );
      return facadeOf(built);
    },
    editor: () => {
      if (built === null) throw new Error("the canvas was not created");
      return built;
    },
  };
}

/** Images that "load" at once with the given size (or fail for URLs containing "broken"). */
export function instantImages(width = 400, height = 300): ImageCache {
  return new ImageCache(6, () => {
    const img = { naturalWidth: width, naturalHeight: height, decoding: "", onload: null as (() => void) | null, onerror: null as (() => void) | null };
    Object.defineProperty(img, "src", {
      set(url: string) {
        queueMicrotask(() => (url.includes("broken") ? img.onerror?.() : img.onload?.()));
      },
    });
    return img as unknown as HTMLImageElement;
  });
}

export function rect(id: string, frame: number, x1: number, y1: number, x2: number, y2: number, labelId = 1): SavedShape {
  return {
    id,
    kind: "rectangle",
    label_id: labelId,
    frame,
    points: [x1, y1, x2, y2],
    rotation: 0,
    z_order: 0,
    occluded: false,
    outside: false,
    attributes: {},
    group: null,
    source: "manual",
    score: null,
  };
}

export function tag(id: string, frame: number, labelId = 9): SavedTag {
  return { id, label_id: labelId, frame, attributes: {}, source: "manual", score: null };
}

export function diff(build: (d: ServerDiff) => void): ServerDiff {
  const d = emptyDiff();
  build(d);
  return d;
}

/** Lets pending promise callbacks run. */
export async function settle(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await Promise.resolve();
}
