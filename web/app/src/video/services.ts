/** What a video job needs besides the workspace's services, replaceable in tests. */
import { createVideoRoutes, type VideoRoutes } from "./api/videoRoutes";
import { decodeBitmap, type DecodedFrame } from "./media/frameStore";
import { BROWSER_CLOCK, type Clock } from "./player/clock";
import { BROWSER_POLL_TIMERS, type PollTimers } from "./tracker/trackerRun";

export interface VideoServices {
  readonly routes: VideoRoutes;
  readonly decode: (blob: Blob) => Promise<DecodedFrame>;
  readonly clock: Clock;
  readonly pollTimers: PollTimers;
}

export function defaultVideoServices(): VideoServices {
  return { routes: createVideoRoutes(), decode: decodeBitmap, clock: BROWSER_CLOCK, pollTimers: BROWSER_POLL_TIMERS };
}
