/**
 * Where the workspace gets each frame's picture: an image job loads the image of the frame's media
 * item (and its neighbours ahead); a video job decodes frames from the task's chunks
 * (`video/media/frameStore.ts`). The controller only asks for pictures through this.
 */
import type { CanvasImage } from "@annota/canvas-core";
import type { ImageCache } from "./imageCache";

export interface FrameSource {
  /** The frame's picture when it is decoded already (playback shows only these), else null. */
  ready(frame: number): CanvasImage | null;
  load(frame: number): Promise<CanvasImage>;
  /** `frame` is on screen now: its picture must stay usable, and the frames likely next may be fetched. */
  showing(frame: number): void;
}

export interface FrameImage {
  readonly frame: number;
  readonly mediaId: number;
}

/** The images of an image job's frames, through the image cache; the next and previous images load ahead. */
export function imageFrameSource(images: ImageCache, imageUrl: (mediaId: number) => string, frames: readonly FrameImage[]): FrameSource {
  const index = new Map(frames.map((f, i) => [f.frame, i]));
  const urlOf = (frame: number): string | null => {
    const i = index.get(frame);
    const media = i === undefined ? undefined : frames[i];
    return media === undefined ? null : imageUrl(media.mediaId);
  };
  return {
    ready: () => null,
    load: (frame) => {
      const url = urlOf(frame);
      return url === null ? Promise.reject(new RangeError(`frame ${frame} is not a frame of this job`)) : images.load(url);
    },
    showing: (frame) => {
      const i = index.get(frame);
      if (i === undefined) return;
      const around = [i + 1, i - 1, i + 2].map((j) => frames[j]).filter((f): f is FrameImage => f !== undefined);
      images.preload(around.map((f) => imageUrl(f.mediaId)));
    },
  };
}
