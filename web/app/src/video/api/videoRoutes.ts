/**
 * The video routes the player and the tracker use: the task's video, single frames and chunks of
 * frames (binary), tracking jobs and their progress. Plain `fetch` with the client's cookies and CSRF
 * header (the generated client does not describe binary answers), failing with ApiError.
 */
import { answer, ok, sender, type RouteOptions } from "../../workspace/api/request";
import { readBackgroundJob, type BackgroundJob } from "./backgroundJob";
import { readVideoInfo, type VideoInfo } from "./videoInfo";

/** The trackers the server runs: three follow rectangles, optical flow follows points. */
export const TRACKERS = ["csrt", "kcf", "mil", "optical_flow"] as const;
export type TrackerName = (typeof TRACKERS)[number];

/** `POST /api/jobs/{id}/tracking`: give `track_id` or `shape_id`, and `frames` (from `from_frame`, else the last correction). */
export interface TrackingRequest {
  readonly track_id?: string;
  readonly shape_id?: string;
  readonly frames: number;
  readonly from_frame?: number;
  readonly tracker: TrackerName;
}

export interface VideoRoutes {
  video(taskId: number): Promise<VideoInfo>;
  /** Task frame `frame` as an image (JPEG). */
  frame(taskId: number, frame: number, signal?: AbortSignal): Promise<Blob>;
  /** Chunk `chunk`: a stored zip of the chunk's frames. */
  chunk(taskId: number, chunk: number, signal?: AbortSignal): Promise<ArrayBuffer>;
  startTracking(jobId: number, request: TrackingRequest): Promise<BackgroundJob>;
  backgroundJob(id: number): Promise<BackgroundJob>;
  cancelBackgroundJob(id: number): Promise<BackgroundJob>;
}

export function createVideoRoutes(options: RouteOptions = {}): VideoRoutes {
  const send = sender(options);
  return {
    video: async (taskId) => readVideoInfo(await answer(send("GET", `/api/tasks/${taskId}/video`))),
    frame: async (taskId, frame, signal) => (await ok(send("GET", `/api/tasks/${taskId}/frames/${frame}`, undefined, undefined, signal))).blob(),
    chunk: async (taskId, chunk, signal) => (await ok(send("GET", `/api/tasks/${taskId}/chunks/${chunk}`, undefined, undefined, signal))).arrayBuffer(),
    startTracking: async (jobId, request) => readBackgroundJob(await answer(send("POST", `/api/jobs/${jobId}/tracking`, JSON.stringify(request), "application/json"))),
    backgroundJob: async (id) => readBackgroundJob(await answer(send("GET", `/api/background-jobs/${id}`))),
    cancelBackgroundJob: async (id) => readBackgroundJob(await answer(send("POST", `/api/background-jobs/${id}/cancel`))),
  };
}
