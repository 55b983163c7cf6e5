/** Frame-range tags on a frame (docs/interpolation.md, "Frame-range tags"). */
import type { FrameRange } from "./model";

/** The tags covering `frame` (frame ≤ it ≤ stopFrame), in the order given. */
export function tagsAt<T extends FrameRange>(tags: readonly T[], frame: number): T[] {
  return tags.filter((tag) => tag.frame <= frame && frame <= tag.stopFrame);
}
