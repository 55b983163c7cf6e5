/** A fake 2D context that records every call and style assignment, for headless renderer tests. */
import type { DrawContext } from "../../src/render/context";

export interface Call {
  readonly op: string;
  readonly args: readonly unknown[];
  /** Style in force when the call was made. */
  readonly fillStyle: string | object;
  readonly strokeStyle: string | object;
  readonly globalAlpha: number;
  readonly lineWidth: number;
}

export class RecordingContext implements DrawContext {
  calls: Call[] = [];
  fillStyle: string | object = "#000";
  strokeStyle: string | object = "#000";
  lineWidth = 1;
  globalAlpha = 1;
  imageSmoothingEnabled = true;
  lineDash: number[] = [];

  private rec(op: string, args: unknown[]): void {
    this.calls.push({ op, args, fillStyle: this.fillStyle, strokeStyle: this.strokeStyle, globalAlpha: this.globalAlpha, lineWidth: this.lineWidth });
  }

  moveTo(x: number, y: number): void {
    this.rec("moveTo", [x, y]);
  }
  lineTo(x: number, y: number): void {
    this.rec("lineTo", [x, y]);
  }
  closePath(): void {
    this.rec("closePath", []);
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.rec("rect", [x, y, w, h]);
  }
  arc(x: number, y: number, r: number, a0: number, a1: number): void {
    this.rec("arc", [x, y, r, a0, a1]);
  }
  ellipse(x: number, y: number, rx: number, ry: number, rot: number, a0: number, a1: number): void {
    this.rec("ellipse", [x, y, rx, ry, rot, a0, a1]);
  }
  beginPath(): void {
    this.rec("beginPath", []);
  }
  fill(): void {
    this.rec("fill", []);
  }
  clip(): void {
    this.rec("clip", []);
  }
  stroke(): void {
    this.rec("stroke", []);
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    this.rec("fillRect", [x, y, w, h]);
  }
  strokeRect(x: number, y: number, w: number, h: number): void {
    this.rec("strokeRect", [x, y, w, h]);
  }
  clearRect(x: number, y: number, w: number, h: number): void {
    this.rec("clearRect", [x, y, w, h]);
  }
  save(): void {
    this.rec("save", []);
  }
  restore(): void {
    this.rec("restore", []);
  }
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.rec("setTransform", [a, b, c, d, e, f]);
  }
  setLineDash(segments: number[]): void {
    this.lineDash = segments;
    this.rec("setLineDash", [segments]);
  }
  drawImage(image: CanvasImageSource, dx: number, dy: number, dw: number, dh: number): void {
    this.rec("drawImage", [image, dx, dy, dw, dh]);
  }

  count(op: string): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  ops(op: string): Call[] {
    return this.calls.filter((c) => c.op === op);
  }

  reset(): void {
    this.calls = [];
  }
}
