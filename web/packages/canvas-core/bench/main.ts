/**
 * Browser benchmark of the editor at the target load: 10,000 boxes + 1,000 polygons of 50
 * points on a 4000×3000 image, in a 1600×1000 canvas. Build with
 * `npx vite build packages/canvas-core/bench --outDir <dir>`, open index.html in a browser;
 * the results land in `window.annotaBench` and in the page's <pre>.
 */
import { createCanvas, Editor, type CanvasImage, type EditorSurface } from "../src/index";

interface Results {
  openMs: number;
  panZoomFps: number;
  /** 95th percentile frame interval during pan/zoom (the full redraws every 400 ms show here). */
  panZoomP95FrameMs: number;
  renderMedianMs: number;
  renderP95Ms: number;
  selectMs: number;
  moveMedianMs: number;
  /** One full redraw at the fit view, per layer, and the JavaScript alone (drawing into a no-op context). */
  layerMs: { image: number; objects: number; overlay: number; scriptOnly: number };
}

declare global {
  interface Window {
    annotaBench?: Results | { error: string };
  }
}

function scene(): { shapes: Record<string, unknown>[] } {
  let seed = 7;
  const r = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const shapes: Record<string, unknown>[] = [];
  for (let i = 0; i < 10_000; i++) {
    const x = r() * 3950;
    const y = r() * 2950;
    shapes.push({ id: `r${i}`, label_id: 1 + (i % 2), kind: "rectangle", points: [x, y, x + 10 + r() * 40, y + 10 + r() * 40] });
  }
  for (let i = 0; i < 1_000; i++) {
    const cx = 100 + r() * 3800;
    const cy = 100 + r() * 2800;
    const points: number[] = [];
    for (let k = 0; k < 50; k++) {
      const t = (k / 50) * 2 * Math.PI;
      const rad = 40 + r() * 60;
      points.push(cx + rad * Math.cos(t), cy + rad * Math.sin(t));
    }
    shapes.push({ id: `p${i}`, label_id: 3, kind: "polygon", points });
  }
  return { shapes };
}

const labels = [
  { id: 1, name: "car", color: "#e53935", kind: "any" },
  { id: 2, name: "person", color: "#43a047", kind: "any" },
  { id: 3, name: "road", color: "#1e88e5", kind: "polygon" },
];

function image(): CanvasImage {
  const c = document.createElement("canvas");
  c.width = 4000;
  c.height = 3000;
  const ctx = c.getContext("2d")!;
  const g = ctx.createLinearGradient(0, 0, 4000, 3000);
  g.addColorStop(0, "#333");
  g.addColorStop(1, "#aaa");
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, 4000, 3000);
  return { source: c, width: 4000, height: 3000 };
}

const frame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length * 0.95)] ?? NaN;
}

/** Waits for the GPU to finish: reading one pixel back forces the canvas to flush. */
function flush(ctx: CanvasRenderingContext2D): void {
  ctx.getImageData(0, 0, 1, 1);
}

async function run(): Promise<Results> {
  const stage = document.getElementById("stage")!;
  const img = image();
  const data = scene();

  // 1. Open: image + annotations until the first frame is on screen.
  const t0 = performance.now();
  const canvas = createCanvas(stage, { labels });
  canvas.setImage(img);
  canvas.setObjects(data);
  await frame();
  await frame();
  const openMs = performance.now() - t0;

  // 2. Continuous pan/zoom through the façade, frame rate as the browser delivers it.
  const stamps: number[] = [];
  for (let i = 0; i < 240; i++) {
    if (i % 60 < 30) canvas.panBy(i % 2 === 0 ? 7 : -3, 4);
    else if (i % 4 < 2) canvas.zoomIn();
    else canvas.zoomOut();
    stamps.push(await frame());
  }
  const intervals = stamps.slice(1).map((t, i) => t - (stamps[i] as number));
  const panZoomFps = 1000 / median(intervals);
  const panZoomP95FrameMs = p95(intervals);
  canvas.destroy();

  // 3. Render cost per frame, measured directly on a headless editor over real canvases.
  const layers = ["image", "objects", "overlay"].map(() => {
    const c = document.createElement("canvas");
    c.width = 1600;
    c.height = 1000;
    stage.append(c);
    return c.getContext("2d")!;
  }) as [CanvasRenderingContext2D, CanvasRenderingContext2D, CanvasRenderingContext2D];
  const surface: EditorSurface = { layers: { image: layers[0], objects: layers[1], overlay: layers[2] }, scheduler: { request: () => {} }, width: 1600, height: 1000 };
  const editor = new Editor(surface, { labels });
  editor.setImage(img);
  editor.setObjects(data);
  editor.render();
  const times: number[] = [];
  for (let i = 0; i < 120; i++) {
    const t = performance.now();
    if (i % 40 < 20) editor.view.panBy(5, 3);
    else if (i % 4 < 2) editor.view.zoomIn({ x: 800, y: 500 });
    else editor.view.zoomOut({ x: 800, y: 500 });
    editor.render();
    for (const l of layers) flush(l);
    times.push(performance.now() - t);
  }

  // Per layer at the fit view, and the script's own share.
  editor.view.fit();
  editor.render();
  const layerMs = { image: 0, objects: 0, overlay: 0, scriptOnly: 0 };
  for (const name of ["image", "objects", "overlay"] as const) {
    const xs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      editor.renderer.invalidate(name);
      editor.render();
      for (const l of layers) flush(l);
      xs.push(performance.now() - t);
    }
    layerMs[name] = median(xs);
  }
  const noop = new Proxy({}, { get: (_t, k) => (k === "globalAlpha" || k === "lineWidth" ? 1 : () => {}), set: () => true }) as unknown as CanvasRenderingContext2D;
  const dry = new Editor({ ...surface, layers: { image: noop, objects: noop, overlay: noop } }, { labels });
  dry.setImage(img);
  dry.setObjects(data);
  const dryTimes: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    dry.renderer.invalidate("image", "objects", "overlay");
    dry.render();
    dryTimes.push(performance.now() - t);
  }
  layerMs.scriptOnly = median(dryTimes);

  // 4. Select one object by a click, and move it.
  editor.view.fit();
  editor.render();
  const target = editor.store.get("r0")!.geometry as { x1: number; y1: number; x2: number; y2: number };
  const v = editor.viewport;
  const sx = ((target.x1 + target.x2) / 2) * v.scale + v.offsetX;
  const sy = ((target.y1 + target.y2) / 2) * v.scale + v.offsetY;
  const ptr = (x: number, y: number) => ({ x, y, button: 0, shift: false, alt: false, ctrl: false });
  let t = performance.now();
  editor.inputs.pointerDown(ptr(sx, sy));
  editor.inputs.pointerUp(ptr(sx, sy));
  editor.render();
  for (const l of layers) flush(l);
  const selectMs = performance.now() - t;
  const moves: number[] = [];
  editor.inputs.pointerDown(ptr(sx, sy));
  for (let i = 1; i <= 60; i++) {
    t = performance.now();
    editor.inputs.pointerMove(ptr(sx + i * 2, sy + i));
    editor.render();
    for (const l of layers) flush(l);
    moves.push(performance.now() - t);
  }
  editor.inputs.pointerUp(ptr(sx + 120, sy + 60));

  return { openMs, panZoomFps, panZoomP95FrameMs, renderMedianMs: median(times), renderP95Ms: p95(times), selectMs, moveMedianMs: median(moves), layerMs };
}

run().then(
  (r) => {
    window.annotaBench = r;
    document.getElementById("out")!.textContent = JSON.stringify(r, null, 2);
  },
  (e: unknown) => {
    window.annotaBench = { error: String(e) };
    document.getElementById("out")!.textContent = String(e);
  },
);
