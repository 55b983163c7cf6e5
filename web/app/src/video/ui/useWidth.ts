import { useEffect, useState, type RefObject } from "react";

/** The element's width in CSS pixels, following resizes (`fallback` until measured, or without ResizeObserver). */
export function useWidth(ref: RefObject<HTMLElement | null>, fallback = 800): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const measure = () => setWidth(el.clientWidth > 0 ? el.clientWidth : fallback);
    measure();
    const Observer = globalThis.ResizeObserver;
    if (Observer === undefined) return;
    const observer = new Observer(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, fallback]);
  return width;
}
