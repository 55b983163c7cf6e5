/**
 * The façade the React UI talks to: `createCanvas(container, options)` builds the three stacked
 * canvases in `container`, forwards DOM input to the editor, and returns commands and typed
 * events. This module and `render/scheduler.ts` are the only ones that touch the DOM.
 */
import { Editor, type EditorOptions, type EditorSurface, type ObjectUpdate } from "./editor";
import { CanvasError } from "./errors";
import type { CanvasEventHandler, CanvasEventName } from "./events";
import type { KeyInput, ScreenPointer } from "./input";
import type { LabelId, LabelInput } from "./model/label";
import type { AnyObject } from "./model/object";
import type { AnnotationInput, WireShape, WireTag } from "./model/wire";
import type { DrawContext } from "./render/context";
import type { CanvasImage } from "./render/scene";
import { animationFrameScheduler } from "./render/scheduler";
import type { ViewOptions } from "./render/view-options";
import type { PendingDiff } from "./store/diff";
import type { SelectMode } from "./store/store";
import type { DrawMode, ToolId } from "./tools/tool";
import type { FrameObject, KeyframeScope, ReceiveTrackOptions } from "./track-commands";
import type { AnyTrack } from "./interpolation/model";
import type { TrackTimeline } from "./tracks/timeline";
import type { JobAnnotationInput, WireTrack } from "./tracks/wire";
import type { ViewportState } from "./viewport";

export type CanvasOptions = EditorOptions;

/** Commands in, typed events out. Commands throw `CanvasError` on bad input; interaction problems arrive as `error` events. */
export interface CanvasFacade {
  setImage(image: CanvasImage | null): void;
  setLabels(labels: readonly LabelInput[]): void;
  setActiveLabel(id: LabelId | null): void;
  setObjects(input: AnnotationInput, frame?: number): void;
  addObjects(input: AnnotationInput): string[];
  objects(): readonly AnyObject[];
  exportObjects(): { shapes: WireShape[]; tags: WireTag[] };
  updateObjects(updates: readonly ObjectUpdate[]): void;
  setTool(tool: ToolId): void;
  toolState(): { readonly tool: ToolId; readonly state: string };
  setBrushSize(px: number): void;
  select(ids: readonly string[], mode?: SelectMode): void;
  selected(): readonly string[];
  deleteSelected(): number;
  undo(): boolean;
  redo(): boolean;
  copy(): number;
  paste(): string[];
  reorder(ids: readonly string[], to: "front" | "back"): void;
  setHidden(ids: readonly string[], hidden: boolean): void;
  setLocked(ids: readonly string[], locked: boolean): void;
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
  actualSize(): void;
  zoomToObject(id: string): void;
  panBy(dx: number, dy: number): void;
  viewport(): ViewportState;
  setViewOptions(patch: Partial<ViewOptions>): void;
  pendingDiff(): PendingDiff;
  acknowledge(through: number): void;
  hasUnsavedChanges(): boolean;
  on<K extends CanvasEventName>(event: K, handler: CanvasEventHandler<K>): () => void;
  destroy(): void;

  // Video: the whole job, frames, tracks (README, "Video and tracks").
  setAnnotations(input: JobAnnotationInput, frame?: number): void;
  setFrame(frame: number): void;
  receiveTrack(track: WireTrack, options?: ReceiveTrackOptions): void;
  frame(): number;
  frameObjects(): readonly FrameObject[];
  tracks(): readonly AnyTrack[];
  exportTracks(): WireTrack[];
  trackTimeline(id: string): TrackTimeline;
  timelines(): readonly TrackTimeline[];
  nextKeyframe(scope?: KeyframeScope): number | null;
  previousKeyframe(scope?: KeyframeScope): number | null;
  setDrawMode(mode: DrawMode): void;
  drawMode(): DrawMode;
  toggleKeyframe(id: string): boolean;
  toggleOutside(id: string): boolean;
  toggleOccluded(id: string): boolean;
  splitTrack(id: string): string | null;
  mergeTracks(first: string, second: string): string | null;
  propagate(id: string, frames: number): string | null;
  shapeToTrack(id: string): string | null;
  trackToShape(id: string): string | null;
  deleteTrack(id: string): void;
}

/** The façade over an editor; `onDestroy` releases what the adapter holds. */
export function facadeOf(editor: Editor, onDestroy: () => void = () => {}): CanvasFacade {
  return {
    setImage: (image) => editor.setImage(image),
    setLabels: (labels) => editor.setLabels(labels),
    setActiveLabel: (id) => editor.setActiveLabel(id),
    setObjects: (input, frame) => editor.setObjects(input, frame),
    addObjects: (input) => editor.addObjects(input),
    objects: () => editor.objects(),
    exportObjects: () => editor.exportObjects(),
    updateObjects: (updates) => editor.updateObjects(updates),
    setTool: (tool) => editor.setTool(tool),
    toolState: () => ({ tool: editor.tool.id, state: editor.tool.state }),
    setBrushSize: (px) => editor.setBrushSize(px),
    select: (ids, mode) => editor.select(ids, mode),
    selected: () => editor.selected(),
    deleteSelected: () => editor.deleteSelected(),
    undo: () => editor.undo(),
    redo: () => editor.redo(),
    copy: () => editor.copy(),
    paste: () => editor.paste(),
    reorder: (ids, to) => editor.reorder(ids, to),
    setHidden: (ids, hidden) => editor.setHidden(ids, hidden),
    setLocked: (ids, locked) => editor.setLocked(ids, locked),
    zoomIn: () => editor.view.zoomIn(),
    zoomOut: () => editor.view.zoomOut(),
    fit: () => editor.view.fit(),
    actualSize: () => editor.view.actualSize(),
    zoomToObject: (id) => editor.zoomToObject(id),
    panBy: (dx, dy) => editor.view.panBy(dx, dy),
    viewport: () => editor.viewport,
    setViewOptions: (patch) => editor.setViewOptions(patch),
    pendingDiff: () => editor.pendingDiff(),
    acknowledge: (through) => editor.acknowledge(through),
    hasUnsavedChanges: () => editor.hasUnsavedChanges(),
    on: (event, handler) => editor.on(event, handler),
    destroy: () => {
      editor.destroy();
      onDestroy();
    },
    setAnnotations: (input, frame) => editor.tracks.load(input, frame ?? editor.frame),
    setFrame: (frame) => editor.tracks.setFrame(frame),
    receiveTrack: (track, options) => editor.tracks.receiveTrack(track, options),
    frame: () => editor.frame,
    frameObjects: () => editor.tracks.frameObjects(),
    tracks: () => editor.store.tracks(),
    exportTracks: () => editor.tracks.exportTracks(),
    trackTimeline: (id) => editor.tracks.timeline(id),
    timelines: () => editor.tracks.timelines(),
    nextKeyframe: (scope) => editor.tracks.nextKeyframe(scope),
    previousKeyframe: (scope) => editor.tracks.previousKeyframe(scope),
    setDrawMode: (mode) => editor.tracks.setDrawMode(mode),
    drawMode: () => editor.tracks.drawMode,
    toggleKeyframe: (id) => editor.tracks.toggleKeyframe(id),
    toggleOutside: (id) => editor.tracks.toggleOutside(id),
    toggleOccluded: (id) => editor.tracks.toggleOccluded(id),
    splitTrack: (id) => editor.tracks.splitTrack(id),
    mergeTracks: (first, second) => editor.tracks.mergeTracks(first, second),
    propagate: (id, frames) => editor.tracks.propagate(id, frames),
    shapeToTrack: (id) => editor.tracks.shapeToTrack(id),
    trackToShape: (id) => editor.tracks.trackToShape(id),
    deleteTrack: (id) => editor.tracks.deleteTrack(id),
  };
}

function layerCanvas(doc: Document, name: string): HTMLCanvasElement {
  const c = doc.createElement("canvas");
  c.dataset.layer = name;
  c.style.position = "absolute";
  c.style.left = "0";
  c.style.top = "0";
  c.style.pointerEvents = name === "overlay" ? "auto" : "none";
  return c;
}

function context(c: HTMLCanvasElement): DrawContext {
  const ctx = c.getContext("2d");
  if (ctx === null) throw CanvasError.of(["createCanvas"], `the browser gave no 2D context for the ${c.dataset.layer ?? ""} layer`, "no_context");
  return ctx;
}

function pointerOf(e: PointerEvent | MouseEvent, target: HTMLElement): ScreenPointer {
  const r = target.getBoundingClientRect();
  return { x: e.clientX - r.left, y: e.clientY - r.top, button: e.button, shift: e.shiftKey, alt: e.altKey, ctrl: e.ctrlKey || e.metaKey };
}

function keyOf(e: KeyboardEvent): KeyInput {
  return { key: e.key, shift: e.shiftKey, alt: e.altKey, ctrl: e.ctrlKey || e.metaKey };
}

/** Builds the canvas in `container` (which should have a size; the canvas follows it). */
export function createCanvas(container: HTMLElement, options: CanvasOptions = {}): CanvasFacade {
  const doc = container.ownerDocument;
  const root = doc.createElement("div");
  root.tabIndex = 0;
  root.dataset.annotaCanvas = "";
  Object.assign(root.style, { position: "relative", width: "100%", height: "100%", overflow: "hidden", touchAction: "none", userSelect: "none", outline: "none" });
  const canvases = { image: layerCanvas(doc, "image"), objects: layerCanvas(doc, "objects"), overlay: layerCanvas(doc, "overlay") };
  // Off-screen: the last full render of the objects layer, moved as a bitmap during pans of heavy scenes.
  const snapshot = layerCanvas(doc, "objects-snapshot");
  root.append(canvases.image, canvases.objects, canvases.overlay);
  const overlay = canvases.overlay;
  // Contexts first: a browser without 2D canvas leaves the container untouched.
  const layers = {
    image: context(canvases.image),
    objects: context(canvases.objects),
    overlay: context(overlay),
    objectsSnapshot: { ctx: context(snapshot), source: snapshot },
  };
  container.append(root);

  const size = (): { width: number; height: number; pr: number } => ({
    width: Math.max(container.clientWidth, 1),
    height: Math.max(container.clientHeight, 1),
    pr: doc.defaultView?.devicePixelRatio ?? 1,
  });
  const applySize = ({ width, height, pr }: ReturnType<typeof size>): void => {
    for (const c of [...Object.values(canvases), snapshot]) {
      c.width = Math.round(width * pr);
      c.height = Math.round(height * pr);
      c.style.width = `${width}px`;
      c.style.height = `${height}px`;
    }
  };
  const initial = size();
  applySize(initial);

  const surface: EditorSurface = {
    layers,
    scheduler: animationFrameScheduler(),
    width: initial.width,
    height: initial.height,
    pixelRatio: initial.pr,
    setImageFilter: (css) => {
      canvases.image.style.filter = css;
    },
    setCursor: (css) => {
      overlay.style.cursor = css;
    },
  };
  const editor = new Editor(surface, options);
  const input = editor.inputs;

  const listeners: [EventTarget, string, EventListener, AddEventListenerOptions?][] = [
    [overlay, "pointerdown", (e) => {
      const pe = e as PointerEvent;
      overlay.setPointerCapture?.(pe.pointerId);
      root.focus({ preventScroll: true });
      input.pointerDown(pointerOf(pe, overlay));
    }],
    [overlay, "pointermove", (e) => input.pointerMove(pointerOf(e as PointerEvent, overlay))],
    [overlay, "pointerup", (e) => input.pointerUp(pointerOf(e as PointerEvent, overlay))],
    [overlay, "pointercancel", (e) => input.pointerUp(pointerOf(e as PointerEvent, overlay))],
    [overlay, "pointerleave", () => input.pointerLeave()],
    [overlay, "contextmenu", (e) => e.preventDefault()],
    [overlay, "wheel", (e) => {
      const we = e as WheelEvent;
      we.preventDefault();
      const p = pointerOf(we, overlay);
      // deltaMode 1 counts lines: about 40 pixels each.
      input.wheel({ x: p.x, y: p.y, deltaY: we.deltaMode === 1 ? we.deltaY * 40 : we.deltaY, ctrl: we.ctrlKey });
    }, { passive: false }],
    [root, "keydown", (e) => {
      if (input.keyDown(keyOf(e as KeyboardEvent))) e.preventDefault();
    }],
    [root, "keyup", (e) => input.keyUp(keyOf(e as KeyboardEvent))],
  ];
  for (const [target, type, fn, opts] of listeners) target.addEventListener(type, fn, opts);

  const Observer = doc.defaultView?.ResizeObserver;
  const observer = Observer === undefined ? null : new Observer(() => {
    const s = size();
    applySize(s);
    editor.view.resize(s.width, s.height, s.pr);
  });
  observer?.observe(container);

  return facadeOf(editor, () => {
    observer?.disconnect();
    for (const [target, type, fn, opts] of listeners) target.removeEventListener(type, fn, opts);
    root.remove();
  });
}
