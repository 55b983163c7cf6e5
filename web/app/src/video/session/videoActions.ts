/** What the video keys do (the `video` group of the key map), and the navigation keys in a video job. */
import type { ActionId } from "../../workspace/hotkeys/actions";
import * as track from "./trackActions";
import type { VideoSession } from "./videoSession";

export interface VideoUi {
  /** Puts the focus on the go-to-frame field. */
  focusGoTo(): void;
}

/** Runs `action` when it is a video action (or navigation, which pauses playback first); false otherwise. */
export function runVideoAction(v: VideoSession, action: ActionId, ui: VideoUi): boolean {
  const c = v.controller;
  switch (action) {
    case "nav.next":
      void v.step(1);
      return true;
    case "nav.previous":
      void v.step(-1);
      return true;
    case "nav.finishNext":
      void c.saveNow();
      void v.step(1);
      return true;
    case "video.playPause":
      v.player.toggle();
      return true;
    case "video.forward10":
      void v.step(10);
      return true;
    case "video.back10":
      void v.step(-10);
      return true;
    case "video.goTo":
      v.player.pause();
      ui.focusGoTo();
      return true;
    case "video.faster":
      v.player.stepSpeed(1);
      return true;
    case "video.slower":
      v.player.stepSpeed(-1);
      return true;
    case "video.loopIn":
      v.mark("in");
      return true;
    case "video.loopOut":
      v.mark("out");
      return true;
    case "video.loop":
      v.toggleLoop();
      return true;
    case "video.nextKeyframe":
      void v.toKeyframe(1);
      return true;
    case "video.previousKeyframe":
      void v.toKeyframe(-1);
      return true;
    case "video.keyframe":
      track.toggleKeyframe(c);
      return true;
    case "video.outside":
      track.toggleOutside(c);
      return true;
    case "edit.occluded":
      track.toggleOccluded(c);
      return true;
    case "video.split":
      track.split(c);
      return true;
    case "video.merge":
      track.merge(c);
      return true;
    case "video.propagate":
      track.propagate(c, v.settings().propagateFrames);
      return true;
    case "video.drawMode":
      track.toggleDrawMode(c);
      return true;
    case "video.track":
      if (v.tracker.running) v.tracker.cancel();
      else v.trackForward();
      return true;
    default:
      return false;
  }
}
