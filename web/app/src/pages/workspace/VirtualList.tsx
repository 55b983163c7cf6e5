import { useEffect, useRef, useState, type ReactNode } from "react";

interface VirtualListProps<T> {
  readonly items: readonly T[];
  readonly rowHeight: number;
  readonly keyOf: (item: T) => string;
  readonly render: (item: T, index: number) => ReactNode;
  /** The item to bring into view (the selection), if any. */
  readonly focusKey?: string | null;
  readonly label: string;
  readonly testId?: string;
}

const OVERSCAN = 6;

/** A list that renders only the rows in view: ten thousand objects cost a screenful of rows. */
export function VirtualList<T>({ items, rowHeight, keyOf, render, focusKey = null, label, testId }: VirtualListProps<T>) {
  const box = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState(0);
  const [height, setHeight] = useState(400);

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    setHeight(el.clientHeight || 400);
    const Observer = globalThis.ResizeObserver;
    if (Observer === undefined) return;
    const observer = new Observer(() => setHeight(el.clientHeight || 400));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = box.current;
    if (el === null || focusKey === null) return;
    const index = items.findIndex((item) => keyOf(item) === focusKey);
    if (index < 0) return;
    const top = index * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    // Only a new focus scrolls; the list changing under the user's scroll does not.
  }, [focusKey]);

  const first = Math.max(0, Math.floor(scroll / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scroll + height) / rowHeight) + OVERSCAN);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i] as T;
    rows.push(
      <div key={keyOf(item)} role="listitem" className="vlist__row" style={{ top: i * rowHeight, height: rowHeight }}>
        {render(item, i)}
      </div>,
    );
  }
  return (
    <div ref={box} className="vlist" onScroll={(e) => setScroll(e.currentTarget.scrollTop)} role="list" aria-label={label} data-testid={testId}>
      <div className="vlist__space" style={{ height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
