import { useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import type { WorkspaceSnapshot } from "../../workspace/session/snapshot";
import * as track from "../session/trackActions";
import { trackerFor } from "../session/trackAssist";
import type { BoxTracker, VideoSession } from "../session/videoSession";

const BOX_TRACKERS: readonly BoxTracker[] = ["csrt", "kcf", "mil"];

function FrameCount({ value, onChange, label, testId }: { value: number; onChange: (n: number) => void; label: string; testId: string }) {
  return (
    <input
      type="number"
      className="track-panel__count"
      min={1}
      value={value}
      onChange={(e) => {
        const n = Number(e.target.value);
        if (Number.isInteger(n) && n > 0) onChange(n);
      }}
      aria-label={label}
      data-testid={testId}
    />
  );
}

/**
 * Tracks in the side panel: what drawing makes (tracks or shapes), the state of the selection on this
 * frame and the commands on it (keyframe, outside, occluded, split, merge, propagate), and the tracker
 * with its progress.
 */
export function TrackPanel({ session, snap }: { session: VideoSession; snap: WorkspaceSnapshot }) {
  const { t } = useTranslation();
  const c = session.controller;
  const settings = useSyncExternalStore(session.subscribeSettings, session.settings);
  const run = useSyncExternalStore(session.tracker.subscribe, session.tracker.state);
  const selection = snap.objects.filter((o) => snap.selection.includes(o.id) && o.kind !== "tag");
  const first = selection[0];
  const state = first === undefined ? undefined : snap.states?.get(first.id);
  const isTrack = state === "keyframe" || state === "interpolated" || state === "outside";
  const tracks = track.selectedTracks(c);
  const tracker = first === undefined ? null : trackerFor(first.kind, settings.boxTracker);
  const running = session.tracker.running;
  const mode = snap.drawMode;
  const stateText = state === undefined ? "" : t(`video.states.${state === "tag" ? "shape" : state}`);
  return (
    <section className="side-section track-panel" aria-labelledby="track-heading" data-testid="track-panel">
      <h2 id="track-heading" className="side-section__title">
        {t("video.tracks.title")}
      </h2>
      <div className="track-panel__mode" role="group" aria-label={t("video.tracks.drawMode")}>
        <span className="muted small">{t("video.tracks.drawMode")}</span>
        <button type="button" className="button button--small" aria-pressed={mode === "track"} onClick={() => c.setDrawMode("track")} data-testid="draw-mode-track">
          {t("video.tracks.asTrack")}
        </button>
        <button type="button" className="button button--small" aria-pressed={mode === "shape"} onClick={() => c.setDrawMode("shape")} data-testid="draw-mode-shape">
          {t("video.tracks.asShape")}
        </button>
      </div>
      {first !== undefined && (
        <>
          <p className="small" data-testid="track-state" data-state={state}>
            {selection.length === 1 ? t("video.tracks.stateHere", { state: stateText }) : t("video.tracks.selected", { n: selection.length })}
          </p>
          <div className="track-panel__buttons">
            <button type="button" className="button button--small" aria-pressed={state === "keyframe"} disabled={tracks.length === 0} onClick={() => track.toggleKeyframe(c)} data-testid="track-keyframe">
              {t("video.tracks.keyframe")}
            </button>
            <button type="button" className="button button--small" aria-pressed={state === "outside"} disabled={tracks.length === 0} onClick={() => track.toggleOutside(c)} data-testid="track-outside">
              {t("video.tracks.outside")}
            </button>
            <button type="button" className="button button--small" aria-pressed={first.occluded} onClick={() => track.toggleOccluded(c)} data-testid="track-occluded">
              {t("video.tracks.occluded")}
            </button>
            <button type="button" className="button button--small" disabled={!isTrack || tracks.length !== 1} onClick={() => track.split(c)} data-testid="track-split">
              {t("video.tracks.split")}
            </button>
            <button type="button" className="button button--small" disabled={tracks.length !== 2} onClick={() => track.merge(c)} data-testid="track-merge">
              {t("video.tracks.merge")}
            </button>
          </div>
          <div className="track-panel__line">
            <button type="button" className="button button--small" disabled={selection.length !== 1 || state === "outside"} onClick={() => track.propagate(c, settings.propagateFrames)} data-testid="track-propagate">
              {t("video.tracks.propagate")}
            </button>
            <FrameCount value={settings.propagateFrames} onChange={(n) => session.setSettings({ propagateFrames: n })} label={t("video.tracks.propagateFrames")} testId="track-propagate-frames" />
            <span className="muted small">{t("video.tracks.frames")}</span>
          </div>
          <div className="track-panel__line">
            <button type="button" className="button button--small button--primary" disabled={running || tracker === null || selection.length !== 1 || state === "outside"} onClick={() => session.trackForward()} data-testid="track-forward">
              {t("video.tracker.forward")}
            </button>
            <FrameCount value={settings.trackFrames} onChange={(n) => session.setSettings({ trackFrames: n })} label={t("video.tracker.frames")} testId="track-forward-frames" />
            <span className="muted small">{t("video.tracks.frames")}</span>
            {first.kind === "rectangle" && (
              <select value={settings.boxTracker} onChange={(e) => session.setSettings({ boxTracker: e.target.value as BoxTracker })} aria-label={t("video.tracker.which")} data-testid="track-tracker">
                {BOX_TRACKERS.map((name) => (
                  <option key={name} value={name}>
                    {t(`video.tracker.names.${name}`)}
                  </option>
                ))}
              </select>
            )}
          </div>
          {tracker === null && <p className="muted small">{t("video.tracker.kinds")}</p>}
        </>
      )}
      {run !== null && (
        <div className="tracker-progress" role="status" data-testid="tracker-progress" data-phase={run.phase} data-progress={run.progress}>
          <progress max={1} value={run.progress} aria-label={t("video.tracker.progress")} />
          <span className="small">{t(`video.tracker.phases.${run.phase}`, { percent: Math.round(run.progress * 100) })}</span>
          {running ? (
            <button type="button" className="button button--small" disabled={run.phase === "cancelling"} onClick={() => session.tracker.cancel()} data-testid="tracker-cancel">
              {t("video.tracker.cancel")}
            </button>
          ) : (
            <button type="button" className="button button--small button--ghost" onClick={() => session.tracker.dismiss()} data-testid="tracker-dismiss">
              {t("video.tracker.dismiss")}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
