import { describe, expect, it } from "vitest";
import { draftOf, readDraft } from "../../../src/features/quality/settings/rulesForm";
import { rules } from "./fixtures";

describe("draftOf", () => {
  it("writes the stored rules as the form's text, an unset threshold or exam as empty", () => {
    const draft = draftOf(rules({ review_threshold: null, required_exam_id: null }));
    expect(draft).toMatchObject({ review_threshold: "", iou_threshold: "0.5", exam_max_attempts: "3", required_exam_id: "" });
  });
});

describe("readDraft", () => {
  const stored = rules();

  it("reads the form back into the update, keeping the other stored comparison rules", () => {
    const draft = { ...draftOf(stored), review_threshold: "0.75", iou_threshold: "0.6", method: "greedy" as const, required_exam_id: "9" };
    const read = readDraft(draft, stored);
    expect(read.ok && read.body).toMatchObject({
      review_threshold: 0.75,
      required_exam_id: 9,
      comparison: { iou_threshold: 0.6, method: "greedy", oks_sigma: 0.09, line_tolerance: 10 },
    });
  });

  it("reads an empty review threshold as none", () => {
    const read = readDraft({ ...draftOf(stored), review_threshold: " " }, stored);
    expect(read.ok && read.body.review_threshold).toBeNull();
  });

  it("names every field that is out of range, all at once", () => {
    const draft = { ...draftOf(stored), review_threshold: "1.5", consensus_quorum: "0", exam_max_attempts: "2.5", agreement_threshold: "x" };
    const read = readDraft(draft, stored);
    expect(read.ok ? [] : read.problems).toEqual([
      { field: "review_threshold", problem: "fraction" },
      { field: "agreement_threshold", problem: "positiveFraction" },
      { field: "consensus_quorum", problem: "positiveFraction" },
      { field: "exam_max_attempts", problem: "attempts" },
    ]);
  });

  it("refuses a low-overlap threshold under the IoU threshold", () => {
    const read = readDraft({ ...draftOf(stored), iou_threshold: "0.7", low_overlap_threshold: "0.6" }, stored);
    expect(read.ok ? [] : read.problems).toEqual([{ field: "low_overlap_threshold", problem: "order" }]);
  });
});
