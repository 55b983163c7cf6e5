/**
 * The part of CanvasRenderingContext2D the canvas core draws with. A browser context satisfies
 * it as it is; tests pass a recording fake, so everything that draws runs headless.
 */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
  rect(x: number, y: number, w: number, h: number): void;
  arc(x: number, y: number, radius: number, startAngle: number, endAngle: number): void;
  ellipse(x: number, y: number, rx: number, ry: number, rotation: number, startAngle: number, endAngle: number): void;
}

export interface DrawContext extends PathSink {
  fillStyle: string | object;
  strokeStyle: string | object;
  lineWidth: number;
  globalAlpha: number;
  beginPath(): void;
  fill(): void;
  /** Restricts drawing to the current path (until `restore`). */
  clip(): void;
  stroke(): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  clearRect(x: number, y: number, w: number, h: number): void;
  save(): void;
  restore(): void;
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  setLineDash(segments: number[]): void;
  drawImage(image: CanvasImageSource, dx: number, dy: number, dw: number, dh: number): void;
}

/** What a kind needs to know about the view while drawing. */
export interface DrawParams {
  /** Screen pixels per image pixel. */
  readonly scale: number;
  /** One screen pixel in image units (1 / scale). */
  readonly pixel: number;
}

/** How one object is painted; line widths are in screen pixels. */
export interface ShapeStyle {
  readonly color: string;
  /** 0 draws outlines only. */
  readonly fillOpacity: number;
  readonly lineWidth: number;
}
