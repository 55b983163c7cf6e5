import type { ToolId } from "@annota/canvas-core";

/** Small line icons of the tools (24×24, drawn with the text colour). */
const PATHS: Readonly<Record<ToolId | "tag", string>> = {
  select: "M5 3l13 8-6 1.5L9 19z",
  rectangle: "M4 6h16v12H4z",
  polygon: "M12 3l8 6-3 11H7L4 9z",
  polyline: "M3 18l5-8 5 5 8-11",
  points: "M6 7a1.5 1.5 0 1 0 0.01 0M17 6a1.5 1.5 0 1 0 0.01 0M11 16a1.5 1.5 0 1 0 0.01 0",
  ellipse: "M3 12a9 6 0 1 0 18 0a9 6 0 1 0-18 0",
  skeleton: "M12 4v6M12 10l-6 4M12 10l6 4M12 10v5l-4 5M12 15l4 5",
  brush: "M4 20c3 0 4-2 4-4l9-9 3 3-9 9c-2 0-4 1-7 1zM15 5l3-2 3 3-2 3",
  eraser: "M4 16l8-8 7 7-5 5H8zM9 20h11",
  tag: "M3 12V4h8l10 10-8 8zM7 8a1 1 0 1 0 0.01 0",
};

export function ToolIcon({ tool }: { tool: ToolId | "tag" }) {
  return (
    <svg className="tool-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d={PATHS[tool]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}
