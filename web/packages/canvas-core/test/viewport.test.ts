import { describe, expect, it } from "vitest";

import * as vp from "../src/viewport";

const v0 = vp.createViewport(800, 600, 4000, 3000);

describe("viewport", () => {
  it("fits a new image centred with padding", () => {
    expect(v0.scale).toBeCloseTo((800 - 32) / 4000);
    const tl = vp.toScreen(v0, { x: 0, y: 0 });
    const br = vp.toScreen(v0, { x: 4000, y: 3000 });
    expect((tl.x + br.x) / 2).toBeCloseTo(400);
    expect((tl.y + br.y) / 2).toBeCloseTo(300);
  });

  it("maps image to screen and back without rounding (sub-pixel image coordinates)", () => {
    const p = { x: 123.456, y: 78.9 };
    const back = vp.toImage(v0, vp.toScreen(v0, p));
    expect(back.x).toBeCloseTo(123.456, 10);
    expect(back.y).toBeCloseTo(78.9, 10);
    const q = vp.toImage(vp.actualSize(v0), { x: 400.25, y: 300.5 });
    expect(q.x % 1).not.toBe(0);
  });

  it("keeps the image point under the cursor fixed when zooming at the cursor", () => {
    const cursor = { x: 613, y: 127 };
    const before = vp.toImage(v0, cursor);
    let v = v0;
    for (const f of [1.5, 2, 3.7, 0.4, 10]) {
      v = vp.zoomAt(v, cursor, f);
      const after = vp.toImage(v, cursor);
      expect(after.x).toBeCloseTo(before.x, 6);
      expect(after.y).toBeCloseTo(before.y, 6);
    }
  });

  it("clamps the zoom between its limits", () => {
    expect(vp.zoomAt(v0, { x: 0, y: 0 }, 1e6).scale).toBe(64);
    expect(vp.zoomAt(v0, { x: 0, y: 0 }, 1e-6).scale).toBeCloseTo(vp.fitScale(v0) * 0.5);
    const custom = vp.createViewport(800, 600, 4000, 3000, { maxScale: 8, minFitFraction: 0.25 });
    expect(vp.zoomAt(custom, { x: 0, y: 0 }, 1e6).scale).toBe(8);
    expect(vp.zoomAt(custom, { x: 0, y: 0 }, 1e-6).scale).toBeCloseTo(vp.fitScale(custom) * 0.25);
  });

  it("lets a tiny image be fitted even beyond the usual maximum zoom", () => {
    const tiny = vp.createViewport(800, 600, 4, 3);
    expect(tiny.scale).toBeGreaterThan(64);
    expect(vp.fit(tiny).scale).toBe(tiny.scale);
  });

  it("shows one image pixel per screen pixel at actual size, about the screen centre", () => {
    const centre = vp.toImage(v0, { x: 400, y: 300 });
    const v = vp.actualSize(v0);
    expect(v.scale).toBe(1);
    expect(vp.toImage(v, { x: 400, y: 300 }).x).toBeCloseTo(centre.x);
  });

  it("pans by screen pixels", () => {
    const v = vp.panBy(v0, 10, -5);
    const p = vp.toScreen(v, { x: 0, y: 0 });
    const q = vp.toScreen(v0, { x: 0, y: 0 });
    expect([p.x - q.x, p.y - q.y]).toEqual([10, -5]);
  });

  it("reports the visible part of the image plane", () => {
    const v = vp.actualSize(v0);
    const r = vp.visibleImageRect(v);
    expect(r.maxX - r.minX).toBeCloseTo(800);
    expect(r.maxY - r.minY).toBeCloseTo(600);
  });

  it("zooms to a box, centring it", () => {
    const v = vp.zoomToBox(v0, { minX: 100, minY: 100, maxX: 200, maxY: 150 });
    const c = vp.toScreen(v, { x: 150, y: 125 });
    expect(c.x).toBeCloseTo(400);
    expect(c.y).toBeCloseTo(300);
  });

  it("keeps the centre of the view when the screen is resized", () => {
    const v = vp.zoomAt(v0, { x: 100, y: 100 }, 3);
    const centre = vp.toImage(v, vp.screenCentre(v));
    const r = vp.resizeScreen(v, 1200, 900);
    const after = vp.toImage(r, vp.screenCentre(r));
    expect(after.x).toBeCloseTo(centre.x);
    expect(after.y).toBeCloseTo(centre.y);
    expect(r.scale).toBe(v.scale);
  });

  it("converts a screen tolerance into image units", () => {
    expect(vp.screenToImageDistance(vp.zoomTo(v0, 4, { x: 0, y: 0 }), 8)).toBe(2);
  });
});
