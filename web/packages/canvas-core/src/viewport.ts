/**
 * Image ↔ screen transforms. `screen = image × scale + offset`, in CSS pixels of the canvas
 * element; image coordinates stay floats (sub-pixel), with pixel (0,0) covering [0,1)×[0,1).
 * Every function returns a new state; the editor holds the current one.
 */
import { box, type Box } from "./geometry/box";
import type { Point } from "./geometry/point";

export interface ViewportState {
  /** Screen pixels per image pixel. */
  readonly scale: number;
  /** Screen position of image point (0, 0). */
  readonly offsetX: number;
  readonly offsetY: number;
  readonly screenWidth: number;
  readonly screenHeight: number;
  readonly imageWidth: number;
  readonly imageHeight: number;
  readonly minScale: number;
  readonly maxScale: number;
}

export interface ViewportLimits {
  /** Smallest zoom, as a fraction of the fit-to-screen zoom (default 0.5). */
  readonly minFitFraction?: number;
  /** Largest zoom in screen pixels per image pixel (default 64). */
  readonly maxScale?: number;
}

/** Blank space kept around the image by `fit`, in screen pixels. */
export const FIT_PADDING_PX = 16;

export function createViewport(screenWidth: number, screenHeight: number, imageWidth = 0, imageHeight = 0, limits: ViewportLimits = {}): ViewportState {
  const base: ViewportState = { scale: 1, offsetX: 0, offsetY: 0, screenWidth, screenHeight, imageWidth, imageHeight, minScale: 1, maxScale: 1 };
  return fit(withLimits(base, limits));
}

/** The zoom at which the whole image fits the screen, less the padding. */
export function fitScale(v: ViewportState): number {
  if (v.imageWidth <= 0 || v.imageHeight <= 0) return 1;
  const w = Math.max(v.screenWidth - 2 * FIT_PADDING_PX, 1);
  const h = Math.max(v.screenHeight - 2 * FIT_PADDING_PX, 1);
  return Math.min(w / v.imageWidth, h / v.imageHeight);
}

function withLimits(v: ViewportState, limits: ViewportLimits): ViewportState {
  const f = fitScale(v);
  const maxScale = Math.max(limits.maxScale ?? 64, f);
  const minScale = Math.min(f * (limits.minFitFraction ?? 0.5), 1, maxScale);
  return { ...v, minScale, maxScale };
}

function clampScale(v: ViewportState, scale: number): number {
  return Math.min(Math.max(scale, v.minScale), v.maxScale);
}

export function toScreen(v: ViewportState, p: Point): Point {
  return { x: p.x * v.scale + v.offsetX, y: p.y * v.scale + v.offsetY };
}

export function toImage(v: ViewportState, p: Point): Point {
  return { x: (p.x - v.offsetX) / v.scale, y: (p.y - v.offsetY) / v.scale };
}

/** A tolerance given in screen pixels, in image units at the current zoom. */
export function screenToImageDistance(v: ViewportState, px: number): number {
  return px / v.scale;
}

/** Sets the zoom, keeping the image point under `at` (a screen point) where it is. */
export function zoomTo(v: ViewportState, scale: number, at: Point): ViewportState {
  const s = clampScale(v, scale);
  const ix = (at.x - v.offsetX) / v.scale;
  const iy = (at.y - v.offsetY) / v.scale;
  return { ...v, scale: s, offsetX: at.x - ix * s, offsetY: at.y - iy * s };
}

/** Multiplies the zoom by `factor` about the cursor: the point under it stays under it. */
export function zoomAt(v: ViewportState, at: Point, factor: number): ViewportState {
  return zoomTo(v, v.scale * factor, at);
}

export function screenCentre(v: ViewportState): Point {
  return { x: v.screenWidth / 2, y: v.screenHeight / 2 };
}

/** Moves the view by a screen-pixel delta (drag right → the image moves right). */
export function panBy(v: ViewportState, dx: number, dy: number): ViewportState {
  return { ...v, offsetX: v.offsetX + dx, offsetY: v.offsetY + dy };
}

/** The whole image, centred. */
export function fit(v: ViewportState): ViewportState {
  const s = clampScale(v, fitScale(v));
  return { ...v, scale: s, offsetX: (v.screenWidth - v.imageWidth * s) / 2, offsetY: (v.screenHeight - v.imageHeight * s) / 2 };
}

/** One image pixel per screen pixel, about `at` (default: the screen centre). */
export function actualSize(v: ViewportState, at: Point = screenCentre(v)): ViewportState {
  return zoomTo(v, 1, at);
}

/** Shows `b` (image units) as large as it fits, centred; the zoom stays within limits. */
export function zoomToBox(v: ViewportState, b: Box, paddingPx = FIT_PADDING_PX * 4): ViewportState {
  const w = Math.max(b.maxX - b.minX, 1e-6);
  const h = Math.max(b.maxY - b.minY, 1e-6);
  const s = clampScale(v, Math.min(Math.max(v.screenWidth - 2 * paddingPx, 1) / w, Math.max(v.screenHeight - 2 * paddingPx, 1) / h));
  const cx = (b.minX + b.maxX) / 2;
  const cy = (b.minY + b.maxY) / 2;
  return { ...v, scale: s, offsetX: v.screenWidth / 2 - cx * s, offsetY: v.screenHeight / 2 - cy * s };
}

/** A new screen size; the image point at the screen centre stays at the centre. */
export function resizeScreen(v: ViewportState, width: number, height: number, limits: ViewportLimits = {}): ViewportState {
  const centre = toImage(v, screenCentre(v));
  const next = withLimits({ ...v, screenWidth: width, screenHeight: height }, limits);
  const s = clampScale(next, v.scale);
  return { ...next, scale: s, offsetX: width / 2 - centre.x * s, offsetY: height / 2 - centre.y * s };
}

/** A new image: limits recomputed and the view fitted. */
export function withImage(v: ViewportState, width: number, height: number, limits: ViewportLimits = {}): ViewportState {
  return fit(withLimits({ ...v, imageWidth: width, imageHeight: height }, limits));
}

/** The part of the image plane on screen, in image units. */
export function visibleImageRect(v: ViewportState): Box {
  const a = toImage(v, { x: 0, y: 0 });
  const b = toImage(v, { x: v.screenWidth, y: v.screenHeight });
  return box(a.x, a.y, b.x, b.y);
}

export function sameViewport(a: ViewportState, b: ViewportState): boolean {
  return (
    a.scale === b.scale &&
    a.offsetX === b.offsetX &&
    a.offsetY === b.offsetY &&
    a.screenWidth === b.screenWidth &&
    a.screenHeight === b.screenHeight &&
    a.imageWidth === b.imageWidth &&
    a.imageHeight === b.imageHeight
  );
}
