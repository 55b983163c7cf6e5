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
 */
import type { StoreEvent } from "../store/changes";
import type { DrawContext } from "./context";
import { renderImageLayer, type ImageLayerStats } from "./image-layer";
import { overlayIds, renderObjectLayer, type ObjectLayerStats } from "./object-layer";
import { renderOverlayLayer, type OverlayLayerStats } from "./overlay-layer";
import type { RenderScene } from "./scene";
import type { FrameScheduler } from "./scheduler";

export type Layer = "image" | "objects" | "overlay";
export const ALL_LAYERS: readonly Layer[] = ["image", "objects", "overlay"];

export interface RenderLayers {
  readonly image: DrawContext;
  readonly objects: DrawContext;
  readonly overlay: DrawContext;
}

export interface RenderStats {
  readonly layers: readonly Layer[];
  readonly image: ImageLayerStats | null;
  readonly objects: ObjectLayerStats | null;
  readonly overlay: OverlayLayerStats | null;
}

export class Renderer {
  private readonly dirty = new Set<Layer>(ALL_LAYERS);
  private requested = false;
  private last: RenderStats = { layers: [], image: null, objects: null, overlay: null };

  constructor(
    private readonly scene: RenderScene,
    private readonly layers: RenderLayers,
    private readonly scheduler: FrameScheduler,
  ) {
    this.request();
  }

  /** Marks layers dirty and asks for one frame. */
  invalidate(...layers: readonly Layer[]): void {
    for (const l of layers) this.dirty.add(l);
    this.request();
  }

  private request(): void {
    if (this.requested || this.dirty.size === 0) return;
    this.requested = true;
    this.scheduler.request(() => {
      this.requested = false;
      this.render();
    });
  }

  /** Redraws the dirty layers now. */
  render(): RenderStats {
    const layers = ALL_LAYERS.filter((l) => this.dirty.has(l));
    this.dirty.clear();
    this.last = {
      layers,
      image: layers.includes("image") ? renderImageLayer(this.layers.image, this.scene) : null,
      objects: layers.includes("objects") ? renderObjectLayer(this.layers.objects, this.scene) : null,
      overlay: layers.includes("overlay") ? renderOverlayLayer(this.layers.overlay, this.scene) : null,
    };
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
