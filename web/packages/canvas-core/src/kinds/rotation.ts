/** Shared by the kinds that rotate about their centre (rectangle, ellipse): the rotate handle. */
import { normalizeDegrees, type Point } from "../geometry/point";

/** The rotation that points the top of the shape at `to`; `snap` rounds it to 15° steps. */
export function rotationToward(centre: Point, to: Point, snap: boolean): number {
  const deg = (Math.atan2(to.y - centre.y, to.x - centre.x) * 180) / Math.PI + 90;
  return normalizeDegrees(snap ? Math.round(deg / 15) * 15 : deg);
}

export function readRotation(v: unknown): number | "invalid" {
  if (v === undefined || v === null) return 0;
  return typeof v === "number" && Number.isFinite(v) ? normalizeDegrees(v) : "invalid";
}
