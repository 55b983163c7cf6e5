import { describe, expect, it } from "vitest";
import { readBackgroundJob } from "../../../src/video/api/backgroundJob";
import { readVideoInfo } from "../../../src/video/api/videoInfo";

const answer = {
  task_id: 3, name: "clip.mp4", mime: "video/mp4", frame_count: 60, frame_count_exact: true, width: 320, height: 240,
  fps: 30.0, chunk_size: 30, chunk_count: 2, index_status: "ready", rotation: 0, codec: "h264",
};

describe("reading the server's video answers", () => {
  it("reads what the player needs from GET /tasks/{id}/video", () => {
    expect(readVideoInfo(answer)).toEqual({ taskId: 3, name: "clip.mp4", frameCount: 60, frameCountExact: true, width: 320, height: 240, fps: 30, chunkSize: 30, chunkCount: 2, indexStatus: "ready" });
  });

  it("takes a video without a known rate", () => {
    expect(readVideoInfo({ ...answer, fps: null }).fps).toBeNull();
  });

  it("names every field it cannot use, all at once", () => {
    expect(() => readVideoInfo({ ...answer, chunk_size: 0, width: "wide", index_status: "done" })).toThrow(
      /video\.width: expected a whole number ≥ 1.*video\.chunk_size: expected a whole number ≥ 1.*video\.index_status: expected one of indexing, ready, failed/,
    );
  });

  it("reads a tracking job's progress, its track and its errors", () => {
    const job = readBackgroundJob({ id: 7, kind: "tracking", status: "failed", progress: 0.4, message: "lost", cancel_requested: false, params: { track_id: "t1", from_frame: 0 }, errors: [{ loc: ["from_frame"], msg: "no keyframe", type: "x" }] });
    expect(job).toEqual({ id: 7, status: "failed", progress: 0.4, message: "lost", cancelRequested: false, trackId: "t1", errors: ["no keyframe"] });
  });
});
