import { useEffect, useRef, useState, useSyncExternalStore, type PointerEvent } from "react";
import { useTranslation } from "react-i18next";
import type { WorkspaceController } from "../../workspace/session/controller";
import { isBox, issueCentre } from "./issues";
import type { Region } from "./reviewApi";
import type { ReviewHandle } from "./useReview";
import "./review.css";

/** A press that moves less than this (screen px) is a click: the issue marks a point. */
const CLICK_PX = 4;

interface Drag {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * Over the canvas, in its own layer: the pins of the issues on the frame shown (a box and a marker at
 * its centre, or a point), the region being drawn for a new issue, and — while the "new issue" tool is
 * on — the surface that takes the drag (a box) or the click (a point). The canvas core knows nothing of it.
 */
export function IssueOverlay({ controller, review }: { controller: WorkspaceController; review: ReviewHandle }) {
  const { t } = useTranslation("review");
  const view = useSyncExternalStore(controller.subscribeView, controller.viewSnapshot);
  const frame = useSyncExternalStore(controller.subscribe, () => controller.snapshot().frame);
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const { snap, session } = review;

  useEffect(() => {
    if (!snap.drawing) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      setDrag(null);
      session.setDrawing(false);
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [snap.drawing, session]);

  const toScreen = (x: number, y: number) => ({ x: x * view.scale + view.offsetX, y: y * view.scale + view.offsetY });
  const local = (e: PointerEvent<SVGRectElement>) => {
    const box = svg.current?.getBoundingClientRect();
    return { x: e.clientX - (box?.left ?? 0), y: e.clientY - (box?.top ?? 0) };
  };
  const finish = (d: Drag) => {
    const media = controller.frames[controller.frameIndex];
    const clampX = (v: number) => Math.min(Math.max(v, 0), media?.width ?? v);
    const clampY = (v: number) => Math.min(Math.max(v, 0), media?.height ?? v);
    const ix = (sx: number) => clampX((sx - view.offsetX) / view.scale);
    const iy = (sy: number) => clampY((sy - view.offsetY) / view.scale);
    const round = (v: number) => Math.round(v * 10) / 10;
    const click = Math.abs(d.x1 - d.x0) < CLICK_PX && Math.abs(d.y1 - d.y0) < CLICK_PX;
    const x = ix(Math.min(d.x0, d.x1));
    const y = iy(Math.min(d.y0, d.y1));
    const region: Region = click
      ? { x: round(ix(d.x0)), y: round(iy(d.y0)) }
      : { x: round(x), y: round(y), w: round(ix(Math.max(d.x0, d.x1)) - x), h: round(iy(Math.max(d.y0, d.y1)) - y) };
    session.draw(frame, region);
  };

  const here = snap.issues.filter((i) => i.frame === frame);
  const draft = snap.draft !== null && snap.draft.frame === frame ? snap.draft.region : null;
  return (
    <svg ref={svg} className={snap.drawing ? "issue-overlay issue-overlay--drawing" : "issue-overlay"} data-testid="issue-overlay" data-drawing={snap.drawing}>
      {here.map((issue) => {
        const c = toScreen(issueCentre(issue).x, issueCentre(issue).y);
        const tl = toScreen(issue.region.x, issue.region.y);
        const focused = snap.focused === issue.id;
        const cls = `issue-pin issue-pin--${issue.status}${focused ? " issue-pin--focused" : ""}`;
        return (
          <g key={issue.id} className={cls} data-testid="issue-pin" data-issue-id={issue.id} data-status={issue.status} onClick={() => session.focus(issue.id)}>
            <title>{t("pin", { id: issue.id, comment: issue.comments[0]?.body ?? "" })}</title>
            {isBox(issue.region) && <rect className="issue-pin__box" x={tl.x} y={tl.y} width={(issue.region.w ?? 0) * view.scale} height={(issue.region.h ?? 0) * view.scale} />}
            <circle className="issue-pin__marker" cx={c.x} cy={c.y} r={9} />
            <text className="issue-pin__label" x={c.x} y={c.y + 4} textAnchor="middle">
              {"!"}
            </text>
          </g>
        );
      })}
      {draft !== null && (
        <rect
          className="issue-draft"
          data-testid="issue-draft"
          x={toScreen(draft.x, draft.y).x - (isBox(draft) ? 0 : 6)}
          y={toScreen(draft.x, draft.y).y - (isBox(draft) ? 0 : 6)}
          width={isBox(draft) ? (draft.w ?? 0) * view.scale : 12}
          height={isBox(draft) ? (draft.h ?? 0) * view.scale : 12}
        />
      )}
      {drag !== null && <rect className="issue-draft" x={Math.min(drag.x0, drag.x1)} y={Math.min(drag.y0, drag.y1)} width={Math.abs(drag.x1 - drag.x0)} height={Math.abs(drag.y1 - drag.y0)} />}
      {snap.drawing && (
        <rect
          className="issue-overlay__surface"
          data-testid="issue-surface"
          x={0}
          y={0}
          width="100%"
          height="100%"
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture?.(e.pointerId);
            const p = local(e);
            setDrag({ x0: p.x, y0: p.y, x1: p.x, y1: p.y });
          }}
          onPointerMove={(e) => {
            if (drag === null) return;
            const p = local(e);
            setDrag({ ...drag, x1: p.x, y1: p.y });
          }}
          onPointerUp={(e) => {
            if (drag === null) return;
            const p = local(e);
            setDrag(null);
            finish({ ...drag, x1: p.x, y1: p.y });
          }}
        />
      )}
    </svg>
  );
}
