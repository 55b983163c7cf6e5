/** Builders for tests: labels, objects of each kind, and a headless editor over recording contexts. */
import { Editor, type EditorOptions } from "../../src/editor";
import type { AnyTrack } from "../../src/interpolation/model";
import { parseTrack } from "../../src/interpolation/wire";
import type { GeometryByKind, Kind } from "../../src/model/geometry";
import type { LabelInput } from "../../src/model/label";
import type { AnnotationObject, AnyObject } from "../../src/model/object";
import { ManualScheduler } from "../../src/render/scheduler";
import type { ToolPointer } from "../../src/tools/tool";
import { RecordingContext } from "./recording-context";

export const LABELS: LabelInput[] = [
  { id: 1, name: "car", color: "#ff0000", kind: "any" },
  { id: 2, name: "person", color: "#00ff00", kind: "rectangle" },
  { id: 3, name: "road", color: "#0000ff", kind: "polygon" },
  {
    id: 4,
    name: "pose",
    color: "#ffff00",
    kind: "skeleton",
    skeleton: {
      points: [
        { name: "head", x: 0.5, y: 0 },
        { name: "left", x: 0, y: 1 },
        { name: "right", x: 1, y: 1 },
      ],
      edges: [
        [0, 1],
        [0, 2],
      ],
    },
  },
  { id: 5, name: "sky", color: "#00ffff", kind: "mask" },
  { id: 6, name: "daytime", color: "#888888", kind: "tag" },
];

export function obj<K extends Kind>(id: string, kind: K, geometry: GeometryByKind[K], over: Partial<AnnotationObject<K>> = {}): AnyObject {
  return {
    id,
    kind,
    labelId: 1,
    frame: 0,
    zOrder: 0,
    occluded: false,
    outside: false,
    attributes: {},
    groupId: null,
    source: "manual",
    score: null,
    geometry,
    extra: {},
    ...over,
  } as AnyObject;
}

export function rect(id: string, x1: number, y1: number, x2: number, y2: number, over: Partial<AnnotationObject<"rectangle">> = {}): AnyObject {
  return obj(id, "rectangle", { x1, y1, x2, y2, rotation: 0 }, over);
}

export function wireRect(id: string, x1: number, y1: number, x2: number, y2: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, label_id: 1, kind: "rectangle", frame: 0, points: [x1, y1, x2, y2], rotation: 0, ...extra };
}

export interface TestEditor {
  readonly editor: Editor;
  readonly layers: { image: RecordingContext; objects: RecordingContext; overlay: RecordingContext };
  readonly scheduler: ManualScheduler;
}

/** An editor on an 800×600 screen with a 4000×3000 image, ids id-1, id-2, ... */
export function testEditor(options: EditorOptions = {}, screen = { width: 800, height: 600 }): TestEditor {
  const layers = { image: new RecordingContext(), objects: new RecordingContext(), overlay: new RecordingContext() };
  const scheduler = new ManualScheduler();
  let n = 0;
  const editor = new Editor({ layers, scheduler, width: screen.width, height: screen.height }, { labels: LABELS, newId: () => `id-${++n}`, ...options });
  editor.setImage({ source: {} as CanvasImageSource, width: 4000, height: 3000 });
  return { editor, layers, scheduler };
}

export function at(x: number, y: number, mods: Partial<Omit<ToolPointer, "point">> = {}): ToolPointer {
  return { point: { x, y }, button: 0, shift: false, alt: false, ctrl: false, ...mods };
}

export function key(k: string, mods: { shift?: boolean; alt?: boolean; ctrl?: boolean } = {}): { key: string; shift: boolean; alt: boolean; ctrl: boolean } {
  return { key: k, shift: false, alt: false, ctrl: false, ...mods };
}

/** A press-move-release drag in image coordinates through the given points. */
export function drag(editor: Editor, from: [number, number], to: [number, number], mods: Partial<Omit<ToolPointer, "point">> = {}, steps = 4): void {
  const tool = editor.tool;
  tool.pointerDown(at(from[0], from[1], mods));
  for (let i = 1; i <= steps; i++) {
    tool.pointerMove(at(from[0] + ((to[0] - from[0]) * i) / steps, from[1] + ((to[1] - from[1]) * i) / steps, mods));
  }
  tool.pointerUp(at(to[0], to[1], mods));
}

export function click(editor: Editor, x: number, y: number, mods: Partial<Omit<ToolPointer, "point">> = {}): void {
  editor.tool.pointerDown(at(x, y, mods));
  editor.tool.pointerUp(at(x, y, mods));
}

/** A wire keyframe of a box `[x1, y1, x2, y2]` on `frame`. */
export function boxKeyframe(frame: number, box: readonly [number, number, number, number], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { frame, points: [...box], rotation: 0, ...extra };
}

/** A wire rectangle track of label 1 with the given keyframes. */
export function wireTrack(id: string, keyframes: readonly Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, kind: "rectangle", label_id: 1, keyframes, ...extra };
}

/** A rectangle track (parsed) of label 1, keyframes `[frame, x1, y1, x2, y2]`, each optionally outside. */
export function boxTrack(id: string, keyframes: readonly (readonly [number, number, number, number, number, ("outside" | "occluded")?])[]): AnyTrack {
  return parseTrack(wireTrack(id, keyframes.map(([f, x1, y1, x2, y2, flag]) => boxKeyframe(f, [x1, y1, x2, y2], flag === undefined ? {} : { [flag]: true }))));
}

/**
 * The target load in wire form: 10,000 boxes and 1,000 polygons of 50 points on a 4000×3000
 * image, labels 1–3, the same every call (a fixed pseudo-random sequence).
 */
export function targetScene(): { shapes: Record<string, unknown>[] } {
  let seed = 7;
  const r = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const shapes: Record<string, unknown>[] = [];
  for (let i = 0; i < 10_000; i++) {
    const x = r() * 3950;
    const y = r() * 2950;
    shapes.push({ id: `r${i}`, label_id: 1 + (i % 2), kind: "rectangle", points: [x, y, x + 10 + r() * 40, y + 10 + r() * 40] });
  }
  for (let i = 0; i < 1_000; i++) {
    const cx = 100 + r() * 3800;
    const cy = 100 + r() * 2800;
    const points: number[] = [];
    for (let k = 0; k < 50; k++) {
      const t = (k / 50) * 2 * Math.PI;
      const rad = 40 + r() * 60;
      points.push(cx + rad * Math.cos(t), cy + rad * Math.sin(t));
    }
    shapes.push({ id: `p${i}`, label_id: i % 2 === 0 ? 1 : 3, kind: "polygon", points });
  }
  return { shapes };
}
