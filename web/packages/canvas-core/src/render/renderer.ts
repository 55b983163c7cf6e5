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
 * | hover, cursor, tool drafts               | overlay                   |
 *
 * On a heavy scene a pan or zoom moves the objects layer as a bitmap until the view settles
 * (see `view-cache.ts`).
 */
import type { StoreEvent } from "../store/changes";
import type { DrawContext } from "./context";
import { renderImageLayer, type ImageLayerStats } from "./image-layer";
import { overlayIds, renderObjectLayer, type ObjectLayerStats } from "./object-layer";
import { renderOverlayLayer, type OverlayLayerStats } from "./overlay-layer";
import type { RenderScene } from "./scene";
import type { FrameScheduler } from "./scheduler";
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
  private last: RenderStats = { layers: [], image: null, objects: null, objectsMoved: false, overlay: null };

  constructor(
    private readonly scene: RenderScene,
    private readonly layers: RenderLayers,
    private readonly scheduler: FrameScheduler,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.cache = new ObjectLayerCache(layers.objectsSnapshot);
    this.request();
  }

  /** Marks layers dirty and asks for one frame. */
  invalidate(...layers: readonly Layer[]): void {
    if (layers.includes("objects")) this.viewOnly = false;
    for (const l of layers) this.dirty.add(l);
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
    let objectsMoved = false;
    if (layers.includes("objects")) {
      const view = this.scene.viewport();
      if (viewOnly && this.cache.canMove(view, now)) {
        this.cache.move(this.layers.objects, view, now);
        objectsMoved = true;
      } else {
        objects = renderObjectLayer(this.layers.objectsSnapshot?.ctx ?? this.layers.objects, this.scene);
        this.cache.recordFull(this.layers.objects, view, this.scene.pixelRatio(), objects.points, now);
      }
    }
    this.last = {
      layers,
      image: layers.includes("image") ? renderImageLayer(this.layers.image, this.scene) : null,
      objects,
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

  /** Which layers a store event makes dirty. */
  layersFor(event: StoreEvent): Layer[] {
    switch (event.type) {
      case "objects": {
        const onOverlay = overlayIds(this.scene);
        return event.changes.every((c) => onOverlay.has(c.id)) ? ["overlay"] : ["objects", "overlay"];
      }
      case "selection":
      case "flags":
        return ["objects", "overlay"];
      case "preview": {
        // Edited objects go back to the static layer unless they stay on the overlay (selected).
        if (event.active) return [];
        const onOverlay = overlayIds(this.scene);
        return event.ids.every((id) => onOverlay.has(id) || !this.scene.store.has(id)) ? ["overlay"] : ["objects", "overlay"];
      }
      default:
        return [];
    }
  }

  /** Redraws on store changes; returns the unsubscribe function. */
  bind(): () => void {
    return this.scene.store.subscribe((event) => {
      const layers = this.layersFor(event);
      if (layers.length > 0) this.invalidate(...layers);
    });
  }
}
