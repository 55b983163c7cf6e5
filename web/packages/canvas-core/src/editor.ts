/**
 * The headless editor: store, spatial index, viewport, tools and renderer wired together behind
 * commands (methods) and typed events. `createCanvas` (facade.ts) puts it in a DOM container;
 * tests drive it directly with a fake surface.
 */
import { CanvasError } from "./errors";
import { Emitter, forwardStoreEvent, type CanvasEventHandler, type CanvasEventName, type CanvasEvents } from "./events";
import { boxContainsPoint, type Box } from "./geometry/box";
import type { Point } from "./geometry/point";
import { KIND_REGISTRY, kindUtil, type KindRegistry } from "./kinds/registry";
import { parseLabels, type Label, type LabelId, type LabelInput } from "./model/label";
import type { AnyObject } from "./model/object";
import { parseAnnotations, type AnnotationInput, type WireShape, type WireTag } from "./model/wire";
import { exportWire, labelKindIssues, pasteCopies, reorderRequest, updateRequest, withIds, type ObjectUpdate } from "./object-commands";
import { objectsInBox, pickAt } from "./render/picking";
import { Renderer, type RenderLayers, type RenderStats } from "./render/renderer";
import type { CanvasImage, RenderScene } from "./render/scene";
import type { FrameScheduler } from "./render/scheduler";
import { bindIndex, SpatialIndex } from "./render/spatial-index";
import { DEFAULT_VIEW_OPTIONS, imageFilterCss, mergeViewOptions, type ViewOptions } from "./render/view-options";
import type { PendingDiff } from "./store/diff";
import { AnnotationStore, type SelectMode } from "./store/store";
import { BrushTool } from "./tools/brush";
import { TOOL_FACTORIES } from "./tools/registry";
import { DEFAULT_TOOL_SETTINGS, TOOL_IDS, type DrawMode, type Tool, type ToolContext, type ToolId, type ToolSettings } from "./tools/tool";
import { TrackCommands } from "./track-commands";
import * as vp from "./viewport";
import { InputRouter } from "./input";
import { ViewController } from "./view-controller";

export type { ObjectUpdate } from "./object-commands";

export interface EditorSurface {
  readonly layers: RenderLayers;
  readonly scheduler: FrameScheduler;
  /** Size in CSS pixels. */
  readonly width: number;
  readonly height: number;
  readonly pixelRatio?: number;
  setImageFilter?(css: string): void;
  setCursor?(css: string): void;
}

export interface EditorOptions {
  readonly labels?: readonly LabelInput[];
  readonly activeLabel?: LabelId | null;
  readonly tool?: ToolId;
  readonly viewOptions?: Partial<ViewOptions>;
  readonly toolSettings?: Partial<ToolSettings>;
  readonly zoomLimits?: vp.ViewportLimits;
  /** Id factory for new objects; default `crypto.randomUUID()`. */
  readonly newId?: () => string;
  readonly registry?: KindRegistry;
  /** What the drawing tools make: shapes (default) or tracks. */
  readonly drawMode?: DrawMode;
}

export class Editor {
  readonly store: AnnotationStore;
  readonly index = new SpatialIndex();
  readonly renderer: Renderer;
  /** What the renderer and the picker read. */
  readonly scene: RenderScene;
  private readonly events = new Emitter<CanvasEvents>();
  private readonly input: InputRouter;
  private readonly tools = new Map<ToolId, Tool>();
  private readonly toolCtx: ToolContext;
  private readonly unbind: (() => void)[] = [];
  private readonly newId: () => string;
  /** Zoom, pan, fit, 1:1, resize. */
  readonly view: ViewController;
  /** Whole-job loading, frames, track commands and the timeline queries. */
  readonly tracks: TrackCommands;
  private labels = new Map<LabelId, Label>();
  private active: LabelId | null = null;
  private toolId: ToolId = "select";
  private lastToolState = "";
  private picture: CanvasImage | null = null;
  private opts: ViewOptions = DEFAULT_VIEW_OPTIONS;
  private clipboard: readonly AnyObject[] = [];
  /** Hovered object and cursor, kept up to date by the input router. */
  hover: string | null = null;
  cursorPoint: Point | null = null;

  constructor(
    private readonly surface: EditorSurface,
    options: EditorOptions = {},
  ) {
    const registry = options.registry ?? KIND_REGISTRY;
    this.store = new AnnotationStore({ registry, mutableAttributes: (id) => this.labels.get(id)?.mutableAttributes ?? new Set() });
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.view = new ViewController(surface.width, surface.height, surface.pixelRatio ?? 1, options.zoomLimits ?? {}, (v, resized) => {
      if (resized) this.renderer.invalidate("image", "objects", "overlay");
      else this.renderer.invalidateView();
      this.events.emit("viewportChanged", { scale: v.scale, offsetX: v.offsetX, offsetY: v.offsetY, visible: vp.visibleImageRect(v) });
    });
    const settings = { ...DEFAULT_TOOL_SETTINGS, ...options.toolSettings };
    this.toolCtx = {
      store: this.store,
      kinds: registry,
      settings,
      scale: () => this.view.viewport.scale,
      activeLabel: () => (this.active === null ? null : (this.labels.get(this.active) ?? null)),
      label: (id) => this.labels.get(id),
      pick: (p) => pickAt(this.scene, p, settings.hitTolerancePx / this.view.viewport.scale),
      objectsInBox: (b) => objectsInBox(this.scene, b),
      imageSize: () => (this.picture === null ? null : { width: this.picture.width, height: this.picture.height }),
      frame: () => this.store.frame,
      drawMode: () => this.tracks.drawMode,
      newId: this.newId,
      report: (error) => this.events.emit("error", { error }),
      overlayChanged: () => this.renderer.invalidate("overlay"),
    };
    this.scene = {
      store: this.store,
      index: this.index,
      viewport: () => this.view.viewport,
      pixelRatio: () => this.view.pixelRatio,
      label: (id) => this.labels.get(id),
      image: () => this.picture,
      toolOverlay: () => this.tool.overlay(),
      hovered: () => this.hover,
      cursor: () => this.cursorPoint,
      options: () => this.opts,
    };
    this.renderer = new Renderer(this.scene, surface.layers, surface.scheduler);
    this.unbind.push(bindIndex(this.index, this.store), this.renderer.bind(), this.store.subscribe((e) => forwardStoreEvent(e, this.events)));
    this.input = new InputRouter(this);
    this.tracks = new TrackCommands({ store: this.store, labels: () => this.labels, newId: this.newId, interrupt: () => this.interrupt(), report: this.toolCtx.report });
    if (options.drawMode !== undefined) this.tracks.setDrawMode(options.drawMode);
    if (options.viewOptions !== undefined) this.setViewOptions(options.viewOptions);
    if (options.labels !== undefined) this.setLabels(options.labels);
    if (options.activeLabel != null) this.setActiveLabel(options.activeLabel);
    this.setTool(options.tool ?? "select");
  }

  on<K extends CanvasEventName>(type: K, handler: CanvasEventHandler<K>): () => void {
    return this.events.on(type, handler);
  }

  // ---- tools ----

  get tool(): Tool {
    let t = this.tools.get(this.toolId);
    if (t === undefined) {
      t = TOOL_FACTORIES[this.toolId](this.toolCtx);
      this.tools.set(this.toolId, t);
    }
    return t;
  }

  get toolSettings(): ToolSettings {
    return this.toolCtx.settings;
  }

  setTool(id: ToolId): void {
    if (!TOOL_IDS.includes(id)) throw CanvasError.of(["setTool", "tool"], `unknown tool ${String(id)}; expected one of ${TOOL_IDS.join(", ")}`, "invalid");
    if (id === this.toolId && this.tools.has(id)) return;
    this.tool.cancel();
    this.toolId = id;
    this.hover = null;
    this.renderer.invalidate("overlay");
    this.toolUpdated(true);
  }

  /** Emits toolChanged when the tool or its state changed, and updates the DOM cursor. */
  toolUpdated(force = false): void {
    const state = this.tool.state;
    const key = `${this.toolId}:${state}`;
    if (force || key !== this.lastToolState) {
      this.lastToolState = key;
      this.events.emit("toolChanged", { tool: this.toolId, state });
    }
    this.surface.setCursor?.(this.input.panning ? "grabbing" : this.tool.cursor());
  }

  /** Abandons the active tool's work in progress (commands that change objects call it first). */
  private interrupt(): void {
    this.tool.cancel();
    this.toolUpdated();
  }

  setBrushSize(px: number): void {
    if (!(px > 0)) throw CanvasError.of(["setBrushSize", "px"], `expected a positive size, got ${px}`, "invalid");
    for (const id of ["brush", "eraser"] as const) {
      const t = this.tools.get(id) ?? TOOL_FACTORIES[id](this.toolCtx);
      this.tools.set(id, t);
      if (t instanceof BrushTool) t.size = px;
    }
  }

  // ---- labels, image, objects ----

  setLabels(input: readonly LabelInput[]): void {
    const parsed = parseLabels(input);
    this.labels = new Map(parsed.map((l) => [l.id, l]));
    if (this.active !== null && !this.labels.has(this.active)) this.active = null;
    this.renderer.invalidate("objects", "overlay");
  }

  getLabels(): readonly Label[] {
    return [...this.labels.values()];
  }

  setActiveLabel(id: LabelId | null): void {
    if (id !== null && !this.labels.has(id)) throw CanvasError.of(["setActiveLabel", "id"], `unknown label ${id}`, "not_found");
    this.active = id;
  }

  get activeLabel(): Label | null {
    return this.toolCtx.activeLabel();
  }

  setImage(image: CanvasImage | null): void {
    if (image !== null && !(image.width > 0 && image.height > 0)) {
      throw CanvasError.of(["setImage"], `expected an image with a positive size, got ${image.width}×${image.height}`, "invalid");
    }
    const resized = image === null || this.picture === null || image.width !== this.picture.width || image.height !== this.picture.height;
    this.picture = image;
    if (resized) this.view.showImage(image?.width ?? 0, image?.height ?? 0);
    else this.renderer.invalidate("image");
  }

  /** Replaces the objects with one image's saved shapes and tags, all shown; history and pending changes start empty. */
  setObjects(input: AnnotationInput, frame = this.store.frame): void {
    const labelIds = this.labels.size > 0 ? new Set(this.labels.keys()) : undefined;
    const objects = parseAnnotations(input, this.store.registry, { frame, ...(labelIds ? { labelIds } : {}) });
    this.interrupt();
    this.hover = null;
    this.store.load(objects, frame);
  }

  get frame(): number {
    return this.store.frame;
  }

  objects(): readonly AnyObject[] {
    return this.store.ordered();
  }

  /** The current frame's shapes and tags in wire form, as the server stores them (track states are not shapes). */
  exportObjects(): { shapes: WireShape[]; tags: WireTag[] } {
    return exportWire(this.store);
  }

  /**
   * Adds objects from outside the canvas (accepted model predictions, a tag set in a panel) as
   * one action. Missing ids are created and missing frames are the current one; returns the ids.
   */
  addObjects(input: AnnotationInput): string[] {
    const labelIds = this.labels.size > 0 ? new Set(this.labels.keys()) : undefined;
    const filled = { shapes: withIds(input.shapes, this.newId), tags: withIds(input.tags, this.newId) };
    const objects = parseAnnotations(filled, this.store.registry, { frame: this.store.frame, ...(labelIds ? { labelIds } : {}) });
    const issues = labelKindIssues(objects, this.labels);
    if (issues.length > 0) throw new CanvasError(issues);
    this.interrupt();
    this.store.apply({ create: objects }, "add");
    return objects.map((o) => o.id);
  }

  /** Changes common fields of objects (label, attributes, occluded, ...) as one action. */
  updateObjects(updates: readonly ObjectUpdate[]): void {
    const request = updateRequest(this.store, this.labels, updates);
    this.interrupt();
    this.store.apply(request, "edit");
  }

  // ---- selection and editing ----

  select(ids: readonly string[], mode: SelectMode = "replace"): void {
    this.store.select(ids, mode);
  }

  selected(): readonly string[] {
    return this.store.selected();
  }

  /** Deletes the selected objects that are not locked; returns how many. */
  deleteSelected(): number {
    this.interrupt();
    const ids = this.store.selected().filter((id) => !this.store.isLocked(id));
    if (ids.length > 0) this.store.apply({ delete: ids }, "delete");
    return ids.length;
  }

  undo(): boolean {
    this.interrupt();
    return this.store.undo() !== null;
  }

  redo(): boolean {
    this.interrupt();
    return this.store.redo() !== null;
  }

  /** Copies the selected objects; returns how many. */
  copy(): number {
    this.clipboard = this.store.selected().map((id) => this.store.get(id)).filter((o): o is AnyObject => o !== undefined);
    return this.clipboard.length;
  }

  /** Pastes the copied objects in place on the current frame (new ids, on top) and selects them. */
  paste(): string[] {
    if (this.clipboard.length === 0) return [];
    this.interrupt();
    const copies = pasteCopies(this.clipboard, this.store, this.newId, this.store.frame);
    this.store.apply({ create: copies }, "paste");
    const ids = copies.map((o) => o.id);
    this.store.select(ids);
    return ids;
  }

  /** Raises (or lowers) the given objects above (below) all others, as one action. */
  reorder(ids: readonly string[], to: "front" | "back"): void {
    const request = reorderRequest(this.store, ids, to);
    this.interrupt();
    this.store.apply(request, to === "front" ? "bring to front" : "send to back");
  }

  setHidden(ids: readonly string[], hidden: boolean): void {
    this.store.setHidden(ids, hidden);
  }

  setLocked(ids: readonly string[], locked: boolean): void {
    this.store.setLocked(ids, locked);
  }

  // ---- saving ----

  pendingDiff(): PendingDiff {
    return this.store.pendingDiff();
  }

  acknowledge(through: number): void {
    this.store.acknowledge(through);
  }

  hasUnsavedChanges(): boolean {
    return this.store.hasPendingChanges();
  }

  // ---- view ----

  get viewport(): vp.ViewportState {
    return this.view.viewport;
  }

  setViewport(next: vp.ViewportState): void {
    this.view.set(next);
  }

  /** Zooms to an object's bounds. */
  zoomToObject(id: string): void {
    const obj = this.store.get(id);
    const b: Box | null = obj === undefined ? null : kindUtil(this.store.registry, obj).bbox(obj.geometry);
    if (b === null) throw CanvasError.of(["zoomToObject", "id"], `no object with geometry ${id}`, "not_found");
    this.view.zoomToBox(b);
  }

  get viewOptions(): ViewOptions {
    return this.opts;
  }

  setViewOptions(patch: Partial<ViewOptions>): void {
    this.opts = mergeViewOptions(this.opts, patch);
    this.surface.setImageFilter?.(imageFilterCss(this.opts));
    this.renderer.invalidate("image", "objects", "overlay");
  }

  /** The object under an image point, as a click would pick it. */
  pickAt(p: Point): { readonly id: string; readonly distance: number } | null {
    return this.toolCtx.pick(p);
  }

  /** Whether an image point is on the image. */
  onImage(p: Point): boolean {
    return this.picture !== null && boxContainsPoint({ minX: 0, minY: 0, maxX: this.picture.width, maxY: this.picture.height }, p.x, p.y);
  }

  emitCursor(point: Point | null): void {
    this.events.emit("cursorMoved", { point, inside: point !== null && this.onImage(point) });
  }

  /** Draws the dirty layers now instead of at the next frame. */
  render(): RenderStats {
    return this.renderer.render();
  }

  // ---- input (screen coordinates, from the DOM adapter or tests) ----

  get inputs(): InputRouter {
    return this.input;
  }

  destroy(): void {
    this.tool.cancel();
    for (const u of this.unbind) u();
    this.events.clear();
  }
}
