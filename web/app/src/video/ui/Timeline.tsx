import type { TrackTimeline } from "@annota/canvas-core";
import { memo, useCallback, useMemo, useRef, useSyncExternalStore, type PointerEvent } from "react";
import { useTranslation } from "react-i18next";
import type { WorkspaceSnapshot } from "../../workspace/session/snapshot";
import { frameAt, frameLeft, rulerTicks, spansText, type TimelineScale } from "../timeline/layout";
import { paintRow, paintTicks, type Paint } from "../timeline/paint";
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
 */
export function Timeline({ session, snap }: { session: VideoSession; snap: WorkspaceSnapshot }) {
  const { t } = useTranslation();
  const c = session.controller;
  const strips = useRef<HTMLDivElement>(null);
  const width = useWidth(strips);
  const player = useSyncExternalStore(session.player.subscribe, session.player.state);
  const scale = useMemo<TimelineScale>(() => ({ first: session.first, last: session.last, width }), [session, width]);
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
  const label = (tl: TrackTimeline) => t("video.timeline.row", { n: numbers.get(tl.id) ?? 0, label: c.label(tl.labelId)?.name ?? t("workspace.objects.unknownLabel") });
  return (
    <section className="timeline" aria-label={t("video.timeline.label")} data-testid="timeline">
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
      <div className="timeline__body">
        <div className="timeline__rows">
          <div className="timeline__row timeline__row--shapes" data-testid="timeline-shapes" data-frames={shapeFrames.join(",")}>
            <span className="timeline__name muted small">{t("video.timeline.shapes")}</span>
            <div className="timeline__strip">
              <StripCanvas width={width} height={14} paint={paintShapes} />
            </div>
          </div>
          {timelines.map((tl) => (
            <TrackRow key={tl.id} timeline={tl} scale={scale} color={c.label(tl.labelId)?.color ?? OUTSIDE_COLOUR} name={label(tl)} selected={selected.has(tl.id)} state={snap.states?.get(tl.id)} onPick={onPick} />
          ))}
          {timelines.length === 0 && <p className="timeline__empty muted small">{t("video.timeline.empty")}</p>}
        </div>
        <div className="timeline__overlay" ref={strips} style={{ height: 14 + Math.max(1, timelines.length) * ROW_HEIGHT }} aria-hidden="true">
          {player.range !== null && (
            <div className="timeline__range" data-looping={player.looping} style={{ left: frameLeft(scale, player.range.start), width: Math.max(2, frameLeft(scale, player.range.stop + 1) - frameLeft(scale, player.range.start)) }} />
          )}
          <div className="timeline__playhead" data-testid="timeline-playhead" data-frame={snap.frame} style={{ left: frameLeft(scale, snap.frame), width: cell }} />
        </div>
      </div>
    </section>
  );
}
