/** Viewing options: how objects are painted and how the image is shown. None of them is saved. */
import { CanvasError, type Issue } from "../errors";
import type { LabelId } from "../model/label";

export interface ViewOptions {
  /** Fill opacity of closed shapes, 0…1. */
  readonly fillOpacity: number;
  /** Outlines only (masks keep a light fill: they have no outline). */
  readonly outlineOnly: boolean;
  /** Colour objects by their label's colour, or give each object its own. */
  readonly colorBy: "label" | "object";
  /** Outline width in screen pixels. */
  readonly lineWidth: number;
  /** Draw the pixel grid when zoomed in to at least `PIXEL_GRID_MIN_SCALE`. */
  readonly pixelGrid: boolean;
  /** Full-width and full-height lines through the cursor. */
  readonly crosshair: boolean;
  /** CSS filter factors on the image layer; 1 leaves the image as it is. */
  readonly brightness: number;
  readonly contrast: number;
  readonly saturation: number;
}

export const DEFAULT_VIEW_OPTIONS: ViewOptions = {
  fillOpacity: 0.2,
  outlineOnly: false,
  colorBy: "label",
  // One screen pixel strokes take the rasteriser's hairline path: several times cheaper in
  // software rendering than 1.5 px.
  lineWidth: 1,
  pixelGrid: true,
  crosshair: false,
  brightness: 1,
  contrast: 1,
  saturation: 1,
};

/** Screen pixels per image pixel from which the pixel grid shows. */
export const PIXEL_GRID_MIN_SCALE = 8;

const RANGES: Readonly<Partial<Record<keyof ViewOptions, readonly [number, number]>>> = {
  fillOpacity: [0, 1],
  lineWidth: [0.25, 20],
  brightness: [0, 10],
  contrast: [0, 10],
  saturation: [0, 10],
};

/** Merges a partial update, rejecting out-of-range or mistyped values with located issues. */
export function mergeViewOptions(current: ViewOptions, patch: Partial<ViewOptions>): ViewOptions {
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(patch) as [keyof ViewOptions, unknown][]) {
    const loc = ["viewOptions", key];
    if (!(key in DEFAULT_VIEW_OPTIONS)) issues.push({ loc, msg: "unknown view option", type: "invalid" });
    else if (key === "colorBy") {
      if (value !== "label" && value !== "object") issues.push({ loc, msg: `expected "label" or "object", got ${String(value)}`, type: "invalid" });
    } else if (typeof DEFAULT_VIEW_OPTIONS[key] === "boolean") {
      if (typeof value !== "boolean") issues.push({ loc, msg: `expected true or false, got ${String(value)}`, type: "invalid" });
    } else {
      const [lo, hi] = RANGES[key] ?? [-Infinity, Infinity];
      if (typeof value !== "number" || !(value >= lo && value <= hi)) {
        issues.push({ loc, msg: `expected a number in [${lo}, ${hi}], got ${String(value)}`, type: "invalid" });
      }
    }
  }
  if (issues.length > 0) throw new CanvasError(issues);
  return { ...current, ...patch };
}

/** The CSS `filter` for the image layer (applied by the DOM adapter; the GPU does the work). */
export function imageFilterCss(o: ViewOptions): string {
  if (o.brightness === 1 && o.contrast === 1 && o.saturation === 1) return "none";
  return `brightness(${o.brightness}) contrast(${o.contrast}) saturate(${o.saturation})`;
}

export function effectiveFillOpacity(o: ViewOptions): number {
  return o.outlineOnly ? 0 : o.fillOpacity;
}

const PALETTE_SIZE = 24;

/**
 * A colour per object, stable across sessions (hash of the id) and drawn from a fixed palette,
 * so that colouring by object still batches into at most 24 paths.
 */
export function objectColor(id: string): string {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  const slot = (h >>> 0) % PALETTE_SIZE;
  // Step the hue by the golden angle so that neighbouring slots differ clearly.
  return `hsl(${Math.round((slot * 137.508) % 360)}, 85%, 55%)`;
}

export const UNKNOWN_LABEL_COLOR = "#9e9e9e";

export function colorFor(o: ViewOptions, id: string, labelId: LabelId, labelColor: (id: LabelId) => string | undefined): string {
  return o.colorBy === "object" ? objectColor(id) : (labelColor(labelId) ?? UNKNOWN_LABEL_COLOR);
}
