/**
 * Distance from a point to the boundary of an axis-aligned ellipse centred at the origin, by
 * D. Eberly's robust bisection ("Distance from a Point to an Ellipse", 2013): exact to float
 * precision even for very flat ellipses, where the radial shortcut is far off.
 */
export function distanceToEllipse(x: number, y: number, rx: number, ry: number): number {
  let px = Math.abs(x);
  let py = Math.abs(y);
  let a = rx;
  let b = ry;
  if (a < b) {
    [a, b] = [b, a];
    [px, py] = [py, px];
  }
  if (py > 0) {
    if (px > 0) {
      const z0 = px / a;
      const z1 = py / b;
      const g = z0 * z0 + z1 * z1 - 1;
      if (g === 0) return 0;
      const r0 = (a / b) * (a / b);
      const s = root(r0, z0, z1, g);
      const x0 = (r0 * px) / (s + r0);
      const y0 = py / (s + 1);
      return Math.hypot(x0 - px, y0 - py);
    }
    return Math.abs(py - b);
  }
  const numer = a * px;
  const denom = a * a - b * b;
  if (numer < denom) {
    const t = numer / denom;
    return Math.hypot(a * t - px, b * Math.sqrt(1 - t * t));
  }
  return Math.abs(px - a);
}

function root(r0: number, z0: number, z1: number, g0: number): number {
  const n0 = r0 * z0;
  let s0 = z1 - 1;
  let s1 = g0 < 0 ? 0 : Math.hypot(n0, z1) - 1;
  let s = 0;
  for (let i = 0; i < 160; i++) {
    s = (s0 + s1) / 2;
    if (s === s0 || s === s1) break;
    const r0s = n0 / (s + r0);
    const r1s = z1 / (s + 1);
    const g = r0s * r0s + r1s * r1s - 1;
    if (g > 0) s0 = s;
    else if (g < 0) s1 = s;
    else break;
  }
  return s;
}

/** Whether (x, y) lies inside the origin-centred axis-aligned ellipse. */
export function insideEllipse(x: number, y: number, rx: number, ry: number): boolean {
  const u = x / rx;
  const v = y / ry;
  return u * u + v * v <= 1;
}
