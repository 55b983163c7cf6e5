import { describe, expect, it } from "vitest";
import { EMPTY_DRAFT, parseFrames, readGroundTruth } from "../../../src/features/quality/groundTruth/groundTruthForm";

describe("parseFrames", () => {
  it("reads frames and ranges, sorted, each once", () => {
    expect(parseFrames("10-12, 0 4;4")).toEqual([0, 4, 10, 11, 12]);
  });

  it("refuses what is not a frame or a range", () => {
    expect(parseFrames("3, x")).toBeNull();
    expect(parseFrames("5-2")).toBeNull();
    expect(parseFrames("-1")).toBeNull();
    expect(parseFrames("  ")).toBeNull();
  });
});

describe("readGroundTruth", () => {
  it("asks for the listed frames", () => {
    expect(readGroundTruth({ ...EMPTY_DRAFT, mode: "frames", frames: "2, 7" })).toEqual({ ok: true, body: { frames: [2, 7], per_job: false } });
  });

  it("asks for a share of the frames from a percentage, inside each job for honeypots", () => {
    expect(readGroundTruth({ ...EMPTY_DRAFT, mode: "fraction", percent: "25", perJob: true })).toEqual({ ok: true, body: { fraction: 0.25, per_job: true } });
  });

  it("asks for a number of frames", () => {
    expect(readGroundTruth({ ...EMPTY_DRAFT, mode: "count", count: "3" })).toEqual({ ok: true, body: { count: 3, per_job: false } });
  });

  it("names the field that does not say how many frames", () => {
    expect(readGroundTruth({ ...EMPTY_DRAFT, mode: "count", count: "1.5" })).toEqual({ ok: false, problem: "count" });
    expect(readGroundTruth({ ...EMPTY_DRAFT, mode: "fraction", percent: "120" })).toEqual({ ok: false, problem: "percent" });
    expect(readGroundTruth({ ...EMPTY_DRAFT, mode: "frames", frames: "a" })).toEqual({ ok: false, problem: "frames" });
  });
});
