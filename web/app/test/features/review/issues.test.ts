// @vitest-environment node
import { describe, expect, it } from "vitest";
import { countIssues, issueCentre, nextOpenIssue, sortIssues } from "../../../src/features/review/issues";
import { issue } from "./fixtures";

const issues = [issue(3, 5, "open"), issue(1, 0, "resolved"), issue(2, 2, "open"), issue(4, 2, "open")];

describe("a job's issues", () => {
  it("are counted open and resolved", () => {
    expect(countIssues(issues)).toEqual({ open: 3, resolved: 1 });
  });

  it("are in frame order, then in the order they were opened", () => {
    expect(sortIssues(issues).map((i) => i.id)).toEqual([1, 2, 4, 3]);
  });

  it("step to the next open issue after the current one, wrapping around", () => {
    expect(nextOpenIssue(issues, 2, 2)?.id).toBe(4);
    expect(nextOpenIssue(issues, 4, 2)?.id).toBe(3);
    expect(nextOpenIssue(issues, 3, 5)?.id).toBe(2);
    expect(nextOpenIssue(issues, 2, 2, -1)?.id).toBe(3);
  });

  it("start from the frame shown when no issue is current", () => {
    expect(nextOpenIssue(issues, null, 3)?.id).toBe(3);
    expect(nextOpenIssue(issues, null, 6)?.id).toBe(2);
    expect(nextOpenIssue(issues, null, 3, -1)?.id).toBe(4);
  });

  it("have no next one when none is open", () => {
    expect(nextOpenIssue([issue(1, 0, "resolved")], null, 0)).toBeNull();
  });

  it("are centred on a box's centre or on their point", () => {
    expect(issueCentre({ region: { x: 10, y: 20, w: 30, h: 40 } })).toEqual({ x: 25, y: 40 });
    expect(issueCentre({ region: { x: 10, y: 20, w: null, h: null } })).toEqual({ x: 10, y: 20 });
  });
});
