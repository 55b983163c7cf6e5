import { useEffect, useRef } from "react";
import type { Paint } from "../timeline/paint";

interface StripCanvasProps {
  readonly width: number;
  readonly height: number;
  /** Draws the strip in CSS pixels; runs again when it changes (give a stable function per content). */
  readonly paint: (p: Paint) => void;
  readonly className?: string;
}

/** A canvas strip of the timeline, sharp on high-density screens. Without a 2D context (tests) it stays blank. */
export function StripCanvas({ width, height, paint, className }: StripCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext?.("2d") ?? null;
    if (canvas === null || ctx === null) return;
    const ratio = globalThis.devicePixelRatio ?? 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    paint(ctx);
  }, [width, height, paint]);
  return <canvas ref={ref} className={className} style={{ width, height }} aria-hidden="true" />;
}
