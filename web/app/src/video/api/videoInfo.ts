/** What `GET /api/tasks/{id}/video` says of a task's video, read with every problem located. */
import { Reader } from "./read";

export const INDEX_STATUSES = ["indexing", "ready", "failed"] as const;
export type IndexStatus = (typeof INDEX_STATUSES)[number];

export interface VideoInfo {
  readonly taskId: number;
  readonly name: string;
  /** Task frames: 0 … frameCount − 1. */
  readonly frameCount: number;
  /** False until the index is built: the count is declared or estimated. */
  readonly frameCountExact: boolean;
  /** Served (upright) size. */
  readonly width: number;
  readonly height: number;
  /** Average frames per second, for playback only (frames are addressed by number); null when unknown. */
  readonly fps: number | null;
  readonly chunkSize: number;
  readonly chunkCount: number;
  readonly indexStatus: IndexStatus;
}

/** The frame rate playback uses when the video does not say. */
export const DEFAULT_FPS = 25;

export function readVideoInfo(raw: unknown): VideoInfo {
  const r = new Reader(raw, ["video"]);
  return r.done({
    taskId: r.int("task_id", 1),
    name: r.string("name"),
    frameCount: r.int("frame_count"),
    frameCountExact: r.bool("frame_count_exact"),
    width: r.int("width", 1),
    height: r.int("height", 1),
    fps: r.positiveOrNull("fps"),
    chunkSize: r.int("chunk_size", 1),
    chunkCount: r.int("chunk_count"),
    indexStatus: r.oneOf("index_status", INDEX_STATUSES),
  });
}
