import type { Ref } from "react";
import type { WorkspaceSnapshot } from "../../workspace/session/snapshot";
import type { VideoSession } from "../session/videoSession";
import { PlayerBar } from "./PlayerBar";
import { Timeline } from "./Timeline";
import "../video.css";

/** Under the canvas of a video job: the player and the timeline. */
export function VideoDock({ session, snap, goToRef }: { session: VideoSession; snap: WorkspaceSnapshot; goToRef: Ref<HTMLInputElement> }) {
  return (
    <div className="video-dock" data-testid="video-dock">
      <PlayerBar session={session} snap={snap} goToRef={goToRef} />
      <Timeline session={session} snap={snap} />
    </div>
  );
}
