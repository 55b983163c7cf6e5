/**
 * The keyframes a tracker run has saved so far, read as they come (the server saves the run every
 * half second). The first read takes the whole track; later ones only the keyframes after the last
 * frame the run had reached, since a run only adds keyframes past that frame and leaves the earlier
 * ones as they were. Every read answers the whole track, merged.
 */
import { ApiError } from "@annota/api-client";
import type { WireTrack } from "@annota/canvas-core";
import type { VideoRoutes } from "../api/videoRoutes";

interface WireKeyframe {
  readonly frame: number;
  readonly source?: string;
}

export class TrackStream {
  private whole: WireTrack | null = null;
  /** The last frame a keyframe of the run was read on. */
  private reached: number;

  constructor(
    private readonly routes: Pick<VideoRoutes, "trackCopy">,
    private readonly jobId: number,
    readonly trackId: string,
    readonly fromFrame: number,
  ) {
    this.reached = fromFrame;
  }

  /** The track as saved now, or null while the server has no such track yet (a run from a shape before its first save). */
  async read(): Promise<WireTrack | null> {
    const since = this.whole === null ? null : this.reached;
    let copy;
    try {
      copy = await this.routes.trackCopy(this.jobId, this.trackId, since);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
    const fresh = copy.track.keyframes as readonly WireKeyframe[];
    const earlier = since === null || this.whole === null ? [] : (this.whole.keyframes as readonly WireKeyframe[]).filter((k) => k.frame <= since);
    const whole = { ...copy.track, keyframes: [...earlier, ...fresh] } as unknown as WireTrack;
    this.whole = whole;
    for (const k of fresh) if (k.source === "tracker" && k.frame > this.reached) this.reached = k.frame;
    return whole;
  }
}
