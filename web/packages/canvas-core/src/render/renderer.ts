/**
 * Three stacked layers — image, static objects, overlay — each redrawn only when marked dirty,
 * at most once per animation frame however many changes arrive in between.
 *
 * | change                                   | layers redrawn            |
 * |------------------------------------------|---------------------------|
 * | pan, zoom, resize                        | image, objects, overlay   |
 * | image, image options                     | image                     |
 * | objects not on the overlay               | objects, overlay          |
 * | objects on the overlay (a drag preview)  | overlay                   |
 * | selection, hidden/locked                 | objects, overlay          |
 * | a live edit ends, leaving the overlay    | objects, overlay          |
 *
 * Object, selection and flag changes redraw the objects layer only around the objects
 * concerned (`dirty-region.ts`): selecting one object among 10,000 redraws its neighbourhood.
 * | hover, cursor, tool drafts               | overlay                   |
 *
 * On a heavy scene a pan or zoom moves the objects layer as a bitmap until the view settles
 * (see `view-cache.ts`).
 */
import type { Box } from "../geometry/box";
import { kindUtil } from "../kinds/registry";
import type { AnyObject } from "../model/object";
import type { StoreEvent } from "../store/changes";
import type { DrawContext } from "./context";
import { renderImageLayer, type ImageLayerStats } from "./image-layer";
import { overlayIds, renderObjectLayer, type ObjectLayerStats } from "./object-layer";
import { renderOverlayLayer, type OverlayLayerStats } from "./overlay-layer";
import type { RenderScene } from "./scene";
import type { FrameScheduler } from "./scheduler";
import { DirtyRegion } from "./dirty-region";
import { ObjectLayerCache, type LayerSnapshot } from "./view-cache";

export type Layer = "image" | "objects" | "overlay";
export const ALL_LAYERS: readonly Layer[] = ["image", "objects", "overlay"];

export interface RenderLayers {
  readonly image: DrawContext;
  readonly objects: DrawContext;
  readonly overlay: DrawContext;
  /** Optional off-screen copy of the objects layer, for moving it as a bitmap during pans. */
  readonly objectsSnapshot?: LayerSnapshot;
}

export interface RenderStats {
  readonly layers: readonly Layer[];
  readonly image: ImageLayerStats | null;
  /** Null when the objects layer was not redrawn, or only moved as a bitmap. */
  readonly objects: ObjectLayerStats | null;
  /** The objects layer was redrawn only around these boxes (image units); null for a full redraw. */
  readonly objectsRegion: readonly Box[] | null;
  /** The objects layer was moved as a bitmap (a pan or zoom over a heavy scene). */
  readonly objectsMoved: boolean;
  readonly overlay: OverlayLayerStats | null;
}

export class Renderer {
  private readonly dirty = new Set<Layer>(ALL_LAYERS);
  /** Only the view changed for the objects layer since its last render. */
  private viewOnly = false;
  private requested = false;
  private readonly cache: ObjectLayerCache;
  private readonly region = new DirtyRegion();
  private selection: ReadonlySet<string> = new Set();
  private last: RenderStats = { layers: [], image: null, objects: null, objectsRegion: null, objectsMoved: false, overlay: null };

  constructor(
    private readonly scene: RenderScene,
    private readonly layers: RenderLayers,
    private readonly scheduler: FrameScheduler,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.cache = new ObjectLayerCache(layers.objectsSnapshot);
    this.request();
  }

  /** Marks layers dirty (the objects layer in full) and asks for one frame. */
  invalidate(...layers: readonly Layer[]): void {
    if (layers.includes("objects")) {
      this.viewOnly = false;
      this.region.addAll();
    }
    for (const l of layers) this.dirty.add(l);
    this.request();
  }

  /** Marks the objects layer dirty around these boxes (image units), and the overlay. */
  invalidateAround(boxes: readonly (Box | null | undefined)[]): void {
    for (const b of boxes) this.region.add(b);
    if (!this.region.empty) {
      this.viewOnly = false;
      this.dirty.add("objects");
    }
    this.dirty.add("overlay");
    this.request();
  }

  /** The view (pan, zoom) changed: every layer is redrawn, the objects layer perhaps as a moved bitmap. */
  invalidateView(): void {
    if (!this.dirty.has("objects")) this.viewOnly = true;
    for (const l of ALL_LAYERS) this.dirty.add(l);
    this.request();
  }

  private request(): void {
    if (this.requested || (this.dirty.size === 0 && !this.cache.stale)) return;
    this.requested = true;
    this.scheduler.request(() => {
      this.requested = false;
      this.render();
    });
  }

  /** Redraws the dirty layers now. */
  render(): RenderStats {
    const now = this.clock();
    if (this.cache.settled(now)) this.dirty.add("objects");
    const layers = ALL_LAYERS.filter((l) => this.dirty.has(l));
    const viewOnly = this.viewOnly;
    this.dirty.clear();
    this.viewOnly = false;
    let objects: ObjectLayerStats | null = null;
    let objectsRegion: readonly Box[] | null = null;
    let objectsMoved = false;
    if (layers.includes("objects")) {
      const view = this.scene.viewport();
      const pr = this.scene.pixelRatio();
      const target = this.layers.objectsSnapshot?.ctx ?? this.layers.objects;
      if (viewOnly && this.region.empty && this.cache.canMove(view, now)) {
        this.cache.move(this.layers.objects, view, now);
        objectsMoved = true;
      } else if (!viewOnly && !this.region.all && !this.region.empty && this.cache.shows(view, pr)) {
        objectsRegion = [...this.region.boxes];
        objects = renderObjectLayer(target, this.scene, objectsRegion);
        this.cache.show(this.layers.objects);
      } else {
        objects = renderObjectLayer(target, this.scene);
        this.cache.recordFull(this.layers.objects, view, pr, objects.points, now);
      }
    }
    this.region.clear();
    this.last = {
      layers,
      image: layers.includes("image") ? renderImageLayer(this.layers.image, this.scene) : null,
      objects,
      objectsRegion,
      objectsMoved,
      overlay: layers.includes("overlay") ? renderOverlayLayer(this.layers.overlay, this.scene) : null,
    };
    // A moved bitmap waits for the view to settle: keep polling frames until it does.
    if (this.cache.stale) this.request();
    return this.last;
  }

  get lastStats(): RenderStats {
    return this.last;
  }

  private boxOf(obj: AnyObject | null | undefined): Box | null {
    return obj === null || obj === undefined ? null : kindUtil(this.scene.store.registry, obj).bbox(obj.geometry);
  }

  /** What a store event makes dirty: the overlay, and the objects layer around the objects concerned. */
  handle(event: StoreEvent): void {
    const store = this.scene.store;
    switch (event.type) {
      case "objects": {
        if (event.cause === "load") {
          this.selection = new Set(store.selected());
          this.invalidate("objects", "overlay");
          return;
        }
        const onOverlay = new Set(store.selected());
        const boxes: (Box | null)[] = [];
        for (const c of event.changes) {
          if (onOverlay.has(c.id)) continue;
          // An object under live edit is drawn on the overlay: only its old drawing goes.
          if (store.isInPreview(c.id)) boxes.push(c.before === null ? null : this.boxOf(c.before));
          else boxes.push(this.boxOf(c.before), this.boxOf(c.after));
        }
        this.invalidateAround(boxes);
        return;
      }
      case "selection": {
        const next = new Set(event.selected);
        const changed = [...next, ...this.selection].filter((id) => next.has(id) !== this.selection.has(id));
        this.selection = next;
        this.invalidateAround(changed.map((id) => this.scene.index.boxOf(id)));
        return;
      }
      case "flags":
        this.invalidateAround(event.ids.map((id) => this.scene.index.boxOf(id)));
        return;
      case "preview": {
        // Edited objects go back to the static layer unless they stay on the overlay (selected).
        if (event.active) return;
        const onOverlay = overlayIds(this.scene);
        this.invalidateAround(event.ids.filter((id) => !onOverlay.has(id)).map((id) => this.scene.index.boxOf(id)));
        return;
      }
      default:
        return;
    }
  }

  /** Redraws on store changes; returns the unsubscribe function. */
  bind(): () => void {
    return this.scene.store.subscribe((event) => this.handle(event));
  }
}
