/**
 * The numeric rules of docs/interpolation.md ("Numbers"), written so that Python computes the same
 * doubles: `lerp` is `a + (b - a) * t` in exactly this order, and nothing else.
 */

export function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/** `lerp` of two equally long flat coordinate lists for many `t`: the differences are computed once. */
export function linearPath(a: readonly number[], b: readonly number[]): (t: number) => number[] {
  if (a.length !== b.length) throw new RangeError(`cannot pair ${a.length} coordinates with ${b.length}`);
  const d = a.map((x, i) => (b[i] as number) - x);
  return (t) => a.map((x, i) => x + (d[i] as number) * t);
}

/** The turn from `r0` to `r1` degrees, in (-180, 180]: an exact half turn is +180 (clockwise). */
export function shortestTurn(r0: number, r1: number): number {
  let d = r1 - r0;
  if (d > 180) d -= 360;
  else if (d <= -180) d += 360;
  return d;
}

/** Rotation `t` of the way from `r0` to `r1` along the shortest turn, in [0, 360). */
export function lerpAngle(r0: number, r1: number, t: number): number {
  let r = r0 + shortestTurn(r0, r1) * t;
  if (r < 0) r += 360;
  if (r >= 360) r -= 360; // not `else`: a tiny negative angle plus 360 rounds to 360
  return r;
}
