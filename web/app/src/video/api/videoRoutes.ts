/**
 * The video routes the player and the tracker use: the task's video, single frames and chunks of
 * frames (binary), tracking jobs, their progress and the keyframes they wrote so far. Plain `fetch` with the client's cookies and CSRF
 * header (the generated client does not describe binary answers), failing with ApiError.
 */
import { answer, ok, sender, type RouteOptions } from "../../workspace/api/request";
import { JobDocument, type DocumentBody } from "../../workspace/document/jobDocument";
import { readBackgroundJob, type BackgroundJob } from "./backgroundJob";
import { readTrackCopy, type TrackCopy } from "./trackCopy";
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
  /** A pause after each frame on the server (ms): slows a run down for demonstrations and tests. */
  readonly frame_delay_ms?: number;
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
  /** Track `trackId` of job `jobId` as stored now; with `sinceFrame`, only its keyframes after that frame. */
  trackCopy(jobId: number, trackId: string, sinceFrame: number | null): Promise<TrackCopy>;
  /** The job's annotations as the server holds them now (`GET /api/jobs/{id}/annotations`). */
  jobDocument(jobId: number): Promise<JobDocument>;
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
    trackCopy: async (jobId, trackId, sinceFrame) => {
      const query = sinceFrame === null ? "" : `?since_frame=${sinceFrame}`;
      return readTrackCopy(await answer(send("GET", `/api/jobs/${jobId}/tracks/${encodeURIComponent(trackId)}${query}`)));
    },
    jobDocument: async (jobId) => JobDocument.fromBody((await answer(send("GET", `/api/jobs/${jobId}/annotations`))) as DocumentBody),
  };
}
