import { describe, expect, it } from "vitest";

import { ViewController, ZOOM_STEP } from "../src/view-controller";
import type { ViewportState } from "../src/viewport";

function controller(): { view: ViewController; heard: [ViewportState, boolean][] } {
  const heard: [ViewportState, boolean][] = [];
  const view = new ViewController(800, 600, 1, {}, (v, resized) => heard.push([v, resized]));
  view.showImage(4000, 3000);
  heard.length = 0;
  return { view, heard };
}

describe("view controller", () => {
  it("zooms by a fixed step and reports each new view", () => {
    const { view, heard } = controller();
    const s = view.viewport.scale;
    view.zoomIn();
    view.zoomOut();
    expect(heard.map(([v]) => v.scale / s)).toEqual([ZOOM_STEP, expect.closeTo(1, 10)]);
  });

  it("stays silent when a command changes nothing", () => {
    const { view, heard } = controller();
    view.fit();
    view.panBy(0, 0);
    expect(heard).toEqual([]);
  });

  it("flags a resize, which changes the screen and pixel ratio", () => {
    const { view, heard } = controller();
    view.resize(1024, 768, 2);
    expect(heard.map(([v, resized]) => [v.screenWidth, resized])).toEqual([[1024, true]]);
    expect(view.pixelRatio).toBe(2);
  });
});
