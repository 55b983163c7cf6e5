/**
 * A video job's session beside the workspace controller: the decoded frames, the player, the
 * tracker, and the panel settings (frames to propagate or track, the box tracker). Navigation goes
 * through here so that stepping or seeking pauses playback first.
 */
import { Channel } from "../../workspace/session/channel";
import type { WorkspaceController } from "../../workspace/session/controller";
import type { TrackerName, VideoRoutes } from "../api/videoRoutes";
import { DEFAULT_FPS, type VideoInfo } from "../api/videoInfo";
import type { FrameStore } from "../media/frameStore";
import { BROWSER_CLOCK, type Clock } from "../player/clock";
import { Player, type PlayerTarget } from "../player/player";
import type { PollTimers } from "../tracker/trackerRun";
import { TrackAssist, type TrackerRoutes } from "./trackAssist";
import { keyframeFrom } from "./trackActions";

export type BoxTracker = Exclude<TrackerName, "optical_flow">;

export interface VideoSettings {
  /** Frames `propagate` repeats the selection over. */
  readonly propagateFrames: number;
  /** Frames "track forward" asks the tracker for. */
  readonly trackFrames: number;
  readonly boxTracker: BoxTracker;
}

export interface VideoSessionSetup {
  readonly controller: WorkspaceController;
  readonly frames: FrameStore;
  readonly info: VideoInfo;
  readonly routes: TrackerRoutes;
  readonly clock?: Clock;
  readonly pollTimers?: PollTimers;
}

export class VideoSession {
  readonly controller: WorkspaceController;
  readonly frames: FrameStore;
  readonly info: VideoInfo;
  readonly player: Player;
  readonly tracker: TrackAssist;
  readonly first: number;
  readonly last: number;
  private readonly settingsChannel = new Channel<VideoSettings>({ propagateFrames: 10, trackFrames: 30, boxTracker: "csrt" });
  readonly subscribeSettings = this.settingsChannel.subscribe;
  readonly settings = this.settingsChannel.get;

  constructor(setup: VideoSessionSetup) {
    const c = setup.controller;
    this.controller = c;
    this.frames = setup.frames;
    this.info = setup.info;
    this.first = c.frames[0]?.frame ?? 0;
    this.last = c.frames.at(-1)?.frame ?? 0;
    const target: PlayerTarget = {
      first: this.first,
      last: this.last,
      current: () => c.snapshot().frame,
      ready: (frame) => setup.frames.ready(frame) !== null,
      show: (frame) => void c.goToFrame(frame),
      lookahead: (frames) => setup.frames.setLookahead(frames),
    };
    this.player = new Player(target, setup.info.fps ?? DEFAULT_FPS, setup.clock ?? BROWSER_CLOCK);
    this.tracker = new TrackAssist(c, setup.routes, setup.pollTimers);
  }

  setSettings(patch: Partial<VideoSettings>): void {
    this.settingsChannel.set({ ...this.settingsChannel.get(), ...patch });
  }

  clamp(frame: number): number {
    return Math.min(Math.max(Math.round(frame), this.first), this.last);
  }

  /** Shows `frame` (clamped to the job), pausing playback. */
  seek(frame: number): Promise<void> {
    this.player.pause();
    return this.controller.goToFrame(this.clamp(frame));
  }

  step(delta: number): Promise<void> {
    const current = this.controller.snapshot().frame;
    const target = this.clamp(current + delta);
    if (target === current) {
      this.player.pause();
      this.controller.say(delta > 0 ? "lastFrame" : "firstFrame");
      return Promise.resolve();
    }
    return this.seek(target);
  }

  /** The nearest keyframe after (+1) or before (−1) this frame, of the selected tracks (or of any). */
  toKeyframe(direction: 1 | -1): Promise<void> {
    const frame = keyframeFrom(this.controller, direction);
    if (frame === null) {
      this.controller.say(direction > 0 ? "video.noNextKeyframe" : "video.noPreviousKeyframe");
      return Promise.resolve();
    }
    return this.seek(frame);
  }

  /** Loop range ends: "in" at this frame (keeping the out point after it), "out" likewise. */
  mark(end: "in" | "out"): void {
    const frame = this.controller.snapshot().frame;
    const range = this.player.state().range ?? { start: this.first, stop: this.last };
    if (end === "in") this.player.setRange({ start: frame, stop: Math.max(frame, range.stop) });
    else this.player.setRange({ start: Math.min(frame, range.start), stop: frame });
  }

  toggleLoop(): void {
    this.player.setLooping(!this.player.state().looping);
  }

  trackForward(): void {
    const { trackFrames, boxTracker } = this.settings();
    this.player.pause();
    void this.tracker.start(trackFrames, boxTracker);
  }

  destroy(): void {
    this.player.destroy();
    this.tracker.destroy();
    this.frames.destroy();
    this.settingsChannel.clear();
  }
}
