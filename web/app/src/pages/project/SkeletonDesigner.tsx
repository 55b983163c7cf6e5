import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { removeSkeletonPoint, toggleSkeletonEdge, type SkeletonDraft } from "./labelForm";

const SIZE = 280;
const R = 7;

interface SkeletonDesignerProps {
  readonly skeleton: SkeletonDraft;
  readonly color: string;
  readonly onChange: (next: SkeletonDraft) => void;
}

/**
 * The skeleton template: click the square to place a named point, drag a point to move it, click one
 * point then another to join them with an edge (or remove the edge they have).
 */
export function SkeletonDesigner({ skeleton, color, onChange }: SkeletonDesignerProps) {
  const { t } = useTranslation();
  const svg = useRef<SVGSVGElement>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const drag = useRef<{ index: number; moved: boolean } | null>(null);

  const at = (e: React.PointerEvent): { x: number; y: number } => {
    const r = svg.current?.getBoundingClientRect();
    if (r === undefined || r.width === 0) return { x: 0, y: 0 };
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    return { x: clamp((e.clientX - r.left) / r.width), y: clamp((e.clientY - r.top) / r.height) };
  };

  const onBackground = (e: React.PointerEvent) => {
    if (e.target !== svg.current) return;
    const p = at(e);
    onChange({ ...skeleton, points: [...skeleton.points, { name: t("labelEditor.skeleton.defaultName", { n: skeleton.points.length + 1 }), ...p }] });
    setPicked(null);
  };

  const onPointUp = (index: number) => {
    const d = drag.current;
    drag.current = null;
    // Only a press that started on this point picks it (not the release of the click that placed it).
    if (d === null || d.index !== index || d.moved) return;
    if (picked === null) setPicked(index);
    else {
      onChange(toggleSkeletonEdge(skeleton, picked, index));
      setPicked(null);
    }
  };

  return (
    <fieldset className="skeleton-designer" data-testid="skeleton-designer">
      <legend>{t("labelEditor.skeleton.title")}</legend>
      <p className="muted small">{t("labelEditor.skeleton.help")}</p>
      <svg
        ref={svg}
        className="skeleton-designer__board"
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        width={SIZE}
        height={SIZE}
        onPointerDown={onBackground}
        onPointerMove={(e) => {
          const d = drag.current;
          if (d === null) return;
          d.moved = true;
          const p = at(e);
          onChange({ ...skeleton, points: skeleton.points.map((q, i) => (i === d.index ? { ...q, ...p } : q)) });
        }}
        onPointerUp={() => (drag.current = null)}
        role="img"
        aria-label={t("labelEditor.skeleton.board")}
        data-testid="skeleton-board"
      >
        {skeleton.edges.map(([a, b], i) => {
          const p = skeleton.points[a];
          const q = skeleton.points[b];
          if (p === undefined || q === undefined) return null;
          return <line key={i} x1={p.x * SIZE} y1={p.y * SIZE} x2={q.x * SIZE} y2={q.y * SIZE} stroke={color} strokeWidth={2} pointerEvents="none" />;
        })}
        {skeleton.points.map((p, i) => (
          <g key={i}>
            <circle
              cx={p.x * SIZE}
              cy={p.y * SIZE}
              r={R}
              fill={picked === i ? "#fff" : color}
              stroke="#1d2330"
              strokeWidth={picked === i ? 3 : 1}
              onPointerDown={(e) => {
                e.stopPropagation();
                (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
                drag.current = { index: i, moved: false };
              }}
              onPointerUp={(e) => {
                e.stopPropagation();
                onPointUp(i);
              }}
              data-testid="skeleton-point"
            />
            <text x={p.x * SIZE + R + 2} y={p.y * SIZE + 4} fontSize={11} pointerEvents="none">
              {p.name}
            </text>
          </g>
        ))}
      </svg>
      <ol className="skeleton-designer__points">
        {skeleton.points.map((p, i) => (
          <li key={i}>
            <input
              value={p.name}
              onChange={(e) => onChange({ ...skeleton, points: skeleton.points.map((q, j) => (j === i ? { ...q, name: e.target.value } : q)) })}
              aria-label={t("labelEditor.skeleton.pointName", { n: i + 1 })}
              data-testid="skeleton-point-name"
            />
            <button type="button" className="button button--small button--ghost" onClick={() => onChange(removeSkeletonPoint(skeleton, i))}>
              {t("labelEditor.skeleton.removePoint")}
            </button>
          </li>
        ))}
      </ol>
      {skeleton.edges.length > 0 && (
        <ul className="skeleton-designer__edges" data-testid="skeleton-edges">
          {skeleton.edges.map(([a, b], i) => (
            <li key={i}>
              {t("labelEditor.skeleton.edge", { a: skeleton.points[a]?.name ?? a, b: skeleton.points[b]?.name ?? b })}
              <button type="button" className="button button--small button--ghost" onClick={() => onChange(toggleSkeletonEdge(skeleton, a, b))}>
                {t("labelEditor.skeleton.removeEdge")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
