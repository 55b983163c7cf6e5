import { describe, expect, it } from "vitest";
import type { Conflict, FrameQuality } from "../../../src/features/quality/api";
import { conflictLinks, conflictsByFrame, workspaceLink } from "../../../src/features/quality/conflicts";

function conflict(frame: number, type: string, severity: "error" | "warning", ids: [string | null, string | null]): Conflict {
  const link = `/jobs/12?frame=${frame}${ids[0] === null ? "" : `&object=${ids[0]}`}`;
  return { job_id: 12, reference_job_id: 13, link, type, severity, frame, annotation_id: ids[0], reference_id: ids[1], label_id: 1, annotated_label_id: null, similarity: null, attributes: [] };
}

function frame(n: number, conflicts: Conflict[]): FrameQuality {
  const errors = conflicts.filter((c) => c.severity === "error").length;
  return { frame: n, reference: 1, annotated: 1, matched: 0, errors, warnings: conflicts.length - errors, matches: [], conflicts };
}

describe("conflictsByFrame", () => {
  it("keeps the frames with conflicts, in frame order, errors before warnings", () => {
    const frames = [
      frame(7, [conflict(7, "low_overlap", "warning", ["a", "r"]), conflict(7, "extra_object", "error", ["b", null])]),
      frame(2, []),
      frame(3, [conflict(3, "missing_object", "error", [null, "r2"])]),
    ];
    const grouped = conflictsByFrame(frames);
    expect(grouped.map((f) => f.frame)).toEqual([3, 7]);
    expect(grouped[1]?.conflicts.map((c) => c.type)).toEqual(["extra_object", "low_overlap"]);
    expect(grouped[1]).toMatchObject({ errors: 1, warnings: 1 });
  });
});

describe("workspaceLink", () => {
  it("opens the job at the frame with the object selected", () => {
    expect(workspaceLink(12, 3, "s-41")).toBe("/jobs/12?frame=3&object=s-41");
  });

  it("opens the frame alone when there is no object", () => {
    expect(workspaceLink(12, 0, null)).toBe("/jobs/12?frame=0");
  });

  it("escapes an object id that is not URL-safe", () => {
    expect(workspaceLink(1, 1, "a&b c")).toBe("/jobs/1?frame=1&object=a%26b+c");
  });
});

describe("conflictLinks", () => {
  it("links a missing object to its frame in the job (the server's link) and to the object in the ground truth", () => {
    expect(conflictLinks(conflict(4, "missing_object", "error", [null, "r9"]))).toEqual({
      job: "/jobs/12?frame=4",
      reference: "/jobs/13?frame=4&object=r9",
    });
  });

  it("links an extra object to the object in the job, with nothing in the ground truth", () => {
    expect(conflictLinks(conflict(4, "extra_object", "error", ["a1", null]))).toEqual({
      job: "/jobs/12?frame=4&object=a1",
      reference: null,
    });
  });
});
