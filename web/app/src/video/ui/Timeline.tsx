import type { TrackTimeline } from "@annota/canvas-core";
import { memo, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type PointerEvent } from "react";
import { useTranslation } from "react-i18next";
import type { WorkspaceSnapshot } from "../../workspace/session/snapshot";
import { frameAt, frameLeft, rulerTicks, spansText, type TimelineScale } from "../timeline/layout";
import { paintRow, paintTicks, type Paint } from "../timeline/paint";
import { followFrame, panWindow, visibleRows, zoomWindow, type FrameWindow } from "../timeline/window";
import type { VideoSession } from "../session/videoSession";
import { StripCanvas } from "./StripCanvas";
import { useWidth } from "./useWidth";

const ROW_HEIGHT = 22;
const OUTSIDE_COLOUR = "#8a93a3";

interface RowProps {
  readonly timeline: TrackTimeline;
  readonly scale: TimelineScale;
  readonly color: string;
  readonly name: string;
  readonly selected: boolean;
  readonly state: string | undefined;
  readonly onPick: (id: string, frame: number, add: boolean) => void;
}

/** One track: its name and state on this frame, and its strip (click: go to that frame and select the track). */
const TrackRow = memo(function TrackRow({ timeline, scale, color, name, selected, state, onPick }: RowProps) {
  const paint = useCallback((p: Paint) => paintRow(p, scale, timeline, { color, outside: OUTSIDE_COLOUR, height: ROW_HEIGHT }), [scale, timeline, color]);
  const pick = (e: PointerEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    onPick(timeline.id, frameAt(scale, e.clientX - box.left), e.shiftKey || e.ctrlKey || e.metaKey);
  };
  return (
    <div
      className="timeline__row"
      aria-selected={selected}
      data-testid="timeline-row"
      data-track-id={timeline.id}
      data-keyframes={timeline.keyframes.join(",")}
      data-tracked={timeline.tracked.join(",")}
      data-outside={spansText(timeline)}
      data-state={state}
    >
      <span className="timeline__name" title={name}>
        <span className="swatch" style={{ backgroundColor: color }} aria-hidden="true" />
        {name}
      </span>
      <div className="timeline__strip" onPointerDown={pick} data-testid="timeline-strip">
        <StripCanvas width={scale.width} height={ROW_HEIGHT} paint={paint} />
      </div>
    </div>
  );
});

/**
 * The job's frames left to right: a ruler (click or drag to move the playhead), the frames holding
 * single-frame shapes, and one row per track with its keyframes and outside spans. The playhead and
 * the loop range lie over all rows.
 *
 * Virtualised: only the rows the scrolled body shows (and a few more) are laid out, and the strips
 * span a window of frames — the whole job at first; Ctrl+wheel zooms about the pointer, Shift+wheel
 * (or a sideways wheel) pans, and the window follows the playhead — painted by `paintRow`, whose work
 * is bounded by that window and the strip's width.
 */
export function Timeline({ session, snap }: { session: VideoSession; snap: WorkspaceSnapshot }) {
  const { t } = useTranslation();
  const c = session.controller;
  const strips = useRef<HTMLDivElement>(null);
  const width = useWidth(strips);
  const player = useSyncExternalStore(session.player.subscribe, session.player.state);
  const job = useMemo<FrameWindow>(() => ({ first: session.first, last: session.last }), [session]);
  const [shown, setView] = useState<FrameWindow>(job);
  // The window follows the playhead when it leaves it (playing, stepping); a pan away from it stays.
  useEffect(() => setView((v) => followFrame(v, job, snap.frame)), [job, snap.frame]);
  const scale = useMemo<TimelineScale>(() => ({ first: shown.first, last: shown.last, width }), [shown.first, shown.last, width]);
  const body = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 160 });
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = section.current;
    if (el === null) return;
    // Not passive: Ctrl+wheel would zoom the page.
    const wheel = (e: WheelEvent) => {
      const strip = strips.current?.getBoundingClientRect();
      if (strip === undefined || e.clientX < strip.left) return;
      const sideways = e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY);
      if (!e.ctrlKey && !sideways) return;
      e.preventDefault();
      setView((v) => {
        const at: TimelineScale = { first: v.first, last: v.last, width: strip.width };
        if (e.ctrlKey) return zoomWindow(v, job, frameAt(at, e.clientX - strip.left), e.deltaY > 0 ? 1.25 : 0.8);
        const delta = (e.shiftKey ? e.deltaY : e.deltaX) + (e.shiftKey ? e.deltaX : 0);
        return panWindow(v, job, Math.round((delta / Math.max(1, strip.width)) * (v.last - v.first + 1)));
      });
    };
    el.addEventListener("wheel", wheel, { passive: false });
    return () => el.removeEventListener("wheel", wheel);
  }, [job]);
  const measure = useCallback(() => {
    const el = body.current;
    if (el !== null) setScroll({ top: el.scrollTop, height: el.clientHeight > 0 ? el.clientHeight : 160 });
  }, []);
  useEffect(measure, [measure]);
  // Timelines change only with tracks (on any frame), not with the frame shown.
  const timelines = useMemo(() => c.canvas?.timelines() ?? [], [c, c.canvas, snap.tracksVersion]);
  const shapeFrames = useMemo(() => c.doc.shapeFrames(), [c, c.doc, snap.save, snap.tracksVersion]);
  const numbers = useMemo(() => new Map(timelines.map((tl, i) => [tl.id, i + 1])), [timelines]);
  const selected = new Set(snap.selection);
  const onPick = useCallback(
    (id: string, frame: number, add: boolean) => {
      void session.seek(frame).then(() => {
        if (c.canvas?.objects().some((o) => o.id === id)) c.canvas.select([id], add ? "toggle" : "replace");
      });
    },
    [session, c],
  );
  const scrub = (e: PointerEvent<HTMLDivElement>) => {
    if (e.type === "pointermove" && e.buttons !== 1) return;
    const box = e.currentTarget.getBoundingClientRect();
    void session.seek(frameAt(scale, e.clientX - box.left));
  };
  const ticks = rulerTicks(scale);
  const paintRuler = useCallback(
    (p: Paint) => {
      p.clearRect(0, 0, scale.width, 18);
      p.fillStyle = OUTSIDE_COLOUR;
      for (const f of rulerTicks(scale)) p.fillRect(Math.round(frameLeft(scale, f)), 12, 1, 6);
    },
    [scale],
  );
  const paintShapes = useCallback((p: Paint) => paintTicks(p, scale, shapeFrames, { color: "#5d6678", outside: OUTSIDE_COLOUR, height: 14 }), [scale, shapeFrames]);
  const cell = Math.max(2, frameLeft(scale, scale.first + 1));
  // Row 0 is the shapes row (14 px): track rows start under it.
  const rows = visibleRows(Math.max(0, scroll.top - 14), scroll.height, ROW_HEIGHT, timelines.length);
  const inView = (f: number) => Math.min(Math.max(f, scale.first), scale.last + 1);
  const label = (tl: TrackTimeline) => t("video.timeline.row", { n: numbers.get(tl.id) ?? 0, label: c.label(tl.labelId)?.name ?? t("workspace.objects.unknownLabel") });
  return (
    <section className="timeline" ref={section} aria-label={t("video.timeline.label")} data-testid="timeline" data-first-frame={scale.first} data-last-frame={scale.last} data-rows-shown={rows.stop - rows.start}>
      <div className="timeline__row timeline__row--ruler">
        <span className="timeline__name muted small">{t("video.timeline.frames")}</span>
        <div className="timeline__strip timeline__ruler" onPointerDown={scrub} onPointerMove={scrub} data-testid="timeline-ruler">
          <StripCanvas width={width} height={18} paint={paintRuler} />
          {ticks.map((f) => (
            <span key={f} className="timeline__tick" style={{ left: frameLeft(scale, f) }}>
              {f}
            </span>
          ))}
        </div>
      </div>
      <div className="timeline__body" ref={body} onScroll={measure}>
        <div className="timeline__rows">
          <div className="timeline__row timeline__row--shapes" data-testid="timeline-shapes" data-frames={shapeFrames.join(",")}>
            <span className="timeline__name muted small">{t("video.timeline.shapes")}</span>
            <div className="timeline__strip">
              <StripCanvas width={width} height={14} paint={paintShapes} />
            </div>
          </div>
          <div style={{ height: rows.start * ROW_HEIGHT }} aria-hidden="true" />
          {timelines.slice(rows.start, rows.stop).map((tl) => (
            <TrackRow key={tl.id} timeline={tl} scale={scale} color={c.label(tl.labelId)?.color ?? OUTSIDE_COLOUR} name={label(tl)} selected={selected.has(tl.id)} state={snap.states?.get(tl.id)} onPick={onPick} />
          ))}
          <div style={{ height: (timelines.length - rows.stop) * ROW_HEIGHT }} aria-hidden="true" />
          {timelines.length === 0 && <p className="timeline__empty muted small">{t("video.timeline.empty")}</p>}
        </div>
        <div className="timeline__overlay" ref={strips} style={{ height: 14 + Math.max(1, timelines.length) * ROW_HEIGHT }} aria-hidden="true">
          {player.range !== null && (
            <div className="timeline__range" data-looping={player.looping} style={{ left: frameLeft(scale, inView(player.range.start)), width: Math.max(2, frameLeft(scale, inView(player.range.stop + 1)) - frameLeft(scale, inView(player.range.start))) }} />
          )}
          <div className="timeline__playhead" data-testid="timeline-playhead" data-frame={snap.frame} style={{ left: frameLeft(scale, snap.frame), width: cell }} />
        </div>
      </div>
    </section>
  );
}
