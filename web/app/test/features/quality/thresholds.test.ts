import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS, readThresholds, shownThresholds, writeThresholds } from "../../../src/features/quality/thresholds";

describe("readThresholds", () => {
  it("reads the thresholds from the URL", () => {
    expect(readThresholds(new URLSearchParams("iou=0.7&low=0.9"))).toEqual({ iou_threshold: 0.7, low_overlap_threshold: 0.9 });
  });

  it("leaves out what is missing or not a number, for the server to apply the project's settings", () => {
    expect(readThresholds(new URLSearchParams("iou=abc&low="))).toEqual({});
  });

  it("keeps an out-of-range value for the server to refuse with its name", () => {
    expect(readThresholds(new URLSearchParams("iou=1.5")).iou_threshold).toBe(1.5);
  });
});

describe("writeThresholds", () => {
  it("writes the thresholds and keeps other parameters", () => {
    const next = writeThresholds(new URLSearchParams("task=4&low=0.9"), { iou_threshold: 0.6, low_overlap_threshold: 0.8 });
    expect(next.toString()).toBe("task=4&low=0.8&iou=0.6");
  });
});

describe("shownThresholds", () => {
  it("shows what the server applied once it answered", () => {
    const applied = { iou_threshold: 0.6, low_overlap_threshold: 0.7, method: "greedy" };
    expect(shownThresholds({ iou_threshold: 0.9 }, applied)).toEqual({ iou_threshold: 0.6, low_overlap_threshold: 0.7 });
  });

  it("shows what was asked, then the documented defaults, before that", () => {
    expect(shownThresholds({ iou_threshold: 0.9 }, undefined)).toEqual({ iou_threshold: 0.9, low_overlap_threshold: 0.8 });
    expect(DEFAULT_THRESHOLDS).toEqual({ iou_threshold: 0.5, low_overlap_threshold: 0.8 });
  });
});
