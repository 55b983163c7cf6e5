import { useEffect, useState, useSyncExternalStore, type Ref } from "react";
import { useTranslation } from "react-i18next";
import type { WorkspaceSnapshot } from "../../workspace/session/snapshot";
import { SPEEDS } from "../player/player";
import type { VideoSession } from "../session/videoSession";

interface PlayerBarProps {
  readonly session: VideoSession;
  readonly snap: WorkspaceSnapshot;
  readonly goToRef: Ref<HTMLInputElement>;
}

/** `m:ss.cc` of a frame at the video's rate (for orientation only: frames are addressed by number). */
function clockText(frame: number, fps: number): string {
  const seconds = frame / fps;
  const m = Math.floor(seconds / 60);
  const s = seconds - m * 60;
  return `${m}:${s.toFixed(2).padStart(5, "0")}`;
}

/**
 * The player: play/pause, ±1 and ±10 frames, first/last, go to a frame, speed, and a loop range.
 * Playback figures (frames shown, skipped, late, stalls) are on the bar as data attributes.
 */
export function PlayerBar({ session, snap, goToRef }: PlayerBarProps) {
  const { t, i18n } = useTranslation();
  const player = useSyncExternalStore(session.player.subscribe, session.player.state);
  const [typed, setTyped] = useState(String(snap.frame));
  useEffect(() => setTyped(String(snap.frame)), [snap.frame]);
  const stats = session.player.stats();
  const speedFormat = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const frame = snap.frame;
  const { first, last } = session;
  const go = () => {
    const n = Number(typed);
    if (typed.trim() !== "" && Number.isFinite(n)) void session.seek(n);
    else setTyped(String(frame));
  };
  const button = (testId: string, label: string, symbol: string, onClick: () => void, disabled = false, pressed?: boolean) => (
    <button type="button" className="button button--small player__button" aria-label={label} title={label} onClick={onClick} disabled={disabled} data-testid={testId} {...(pressed === undefined ? {} : { "aria-pressed": pressed })}>
      {symbol}
    </button>
  );
  return (
    <div
      className="player"
      role="group"
      aria-label={t("video.player.label")}
      data-testid="player"
      data-playing={player.playing}
      data-speed={player.speed}
      data-shown={stats.shown}
      data-skipped={stats.skipped}
      data-late={stats.late}
      data-stalls={stats.stalls}
    >
      {button("player-first", t("video.player.first"), "«", () => void session.seek(first), frame <= first)}
      {button("player-back10", t("video.player.back10"), "−10", () => void session.step(-10), frame <= first)}
      {button("player-previous", t("video.player.previous"), "‹", () => void session.step(-1), frame <= first)}
      {button("player-play", player.playing ? t("video.player.pause") : t("video.player.play"), player.playing ? "❚❚" : "▶", () => session.player.toggle(), false, player.playing)}
      {button("player-next", t("video.player.next"), "›", () => void session.step(1), frame >= last)}
      {button("player-forward10", t("video.player.forward10"), "+10", () => void session.step(10), frame >= last)}
      {button("player-last", t("video.player.last"), "»", () => void session.seek(last), frame >= last)}
      <label className="player__goto">
        <span>{t("video.player.frame")}</span>
        <input
          ref={goToRef}
          type="number"
          min={first}
          max={last}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              go();
              e.currentTarget.blur();
            }
          }}
          onBlur={go}
          aria-label={t("video.player.goTo")}
          data-testid="player-frame"
        />
        <span className="muted">{t("video.player.of", { last })}</span>
      </label>
      <span className="player__time muted" data-testid="player-time">
        {clockText(frame, session.player.fps)}
      </span>
      <label className="player__speed">
        <span>{t("video.player.speed")}</span>
        <select value={player.speed} onChange={(e) => session.player.setSpeed(Number(e.target.value))} data-testid="player-speed">
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {t("video.player.speedValue", { speed: speedFormat.format(s) })}
            </option>
          ))}
        </select>
      </label>
      <div className="player__loop" role="group" aria-label={t("video.player.loopLabel")}>
        {button("player-loop-in", t("video.player.loopIn"), "[", () => session.mark("in"))}
        {button("player-loop-out", t("video.player.loopOut"), "]", () => session.mark("out"))}
        {button("player-loop", t("video.player.loop"), "↻", () => session.toggleLoop(), false, player.looping)}
        <span className="muted small" data-testid="player-range">
          {player.range === null ? t("video.player.noRange") : t("video.player.range", { start: player.range.start, stop: player.range.stop })}
        </span>
      </div>
    </div>
  );
}
