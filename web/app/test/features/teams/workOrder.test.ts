import { describe, expect, it } from "vitest";
import { dueWording, relativeTime, sortWork, startAction } from "../../../src/features/teams/work/workOrder";

const NOW = new Date("2026-11-26T12:00:00Z");

function item(job_id: number, due: string | null, overdue = false, priority = 0) {
  return { job_id, due, overdue, priority };
}

describe("the order of my work", () => {
  it("puts overdue jobs first, then the nearest due date, then jobs without one", () => {
    const sorted = sortWork([
      item(1, null),
      item(2, "2026-12-10T00:00:00Z"),
      item(3, "2026-11-20T00:00:00Z", true),
      item(4, "2026-11-28T00:00:00Z"),
      item(5, "2026-11-25T00:00:00Z", true),
    ]);
    expect(sorted.map((i) => i.job_id)).toEqual([3, 5, 4, 2, 1]);
  });

  it("breaks a tie on the due date by higher priority, then by the older job", () => {
    const due = "2026-11-28T00:00:00Z";
    expect(sortWork([item(7, due, false, 1), item(6, due, false, 1), item(8, due, false, 5)]).map((i) => i.job_id)).toEqual([8, 6, 7]);
  });

  it("leaves the list it was given as it was", () => {
    const items = [item(2, null), item(1, "2026-11-20T00:00:00Z", true)];
    sortWork(items);
    expect(items.map((i) => i.job_id)).toEqual([2, 1]);
  });
});

describe("how a due date reads", () => {
  it("says there is none for a missing or unreadable date", () => {
    expect(dueWording(null, NOW).urgency).toBe("none");
    expect(dueWording("soon-ish", NOW).urgency).toBe("none");
  });

  it("counts days beyond two days, as later", () => {
    expect(dueWording("2026-11-29T12:00:00Z", NOW)).toEqual({ urgency: "later", value: 3, unit: "day" });
  });

  it("counts hours within two days, and calls within a day soon", () => {
    expect(dueWording("2026-11-26T17:00:00Z", NOW)).toEqual({ urgency: "soon", value: 5, unit: "hour" });
    expect(dueWording("2026-11-27T20:00:00Z", NOW)).toEqual({ urgency: "later", value: 32, unit: "hour" });
  });

  it("counts minutes within the hour, never zero", () => {
    expect(dueWording("2026-11-26T12:20:00Z", NOW)).toEqual({ urgency: "soon", value: 20, unit: "minute" });
    expect(dueWording("2026-11-26T12:00:10Z", NOW)).toEqual({ urgency: "soon", value: 1, unit: "minute" });
  });

  it("is overdue, in the past, once the date has gone by", () => {
    expect(dueWording("2026-11-23T12:00:00Z", NOW)).toEqual({ urgency: "overdue", value: -3, unit: "day" });
  });

  it("reads in the reader's language", () => {
    expect(relativeTime("en", { urgency: "later", value: 3, unit: "day" })).toBe("in 3 days");
    expect(relativeTime("en", { urgency: "overdue", value: -1, unit: "day" })).toBe("yesterday");
    expect(relativeTime("fr", { urgency: "later", value: 1, unit: "day" })).toBe("demain");
  });
});

describe("the action my work offers", () => {
  it("starts a new or rejected job in annotation for its assignee", () => {
    expect(startAction({ role: "assignee", stage: "annotation", state: "new" })).toBe("start");
    expect(startAction({ role: "assignee", stage: "annotation", state: "rejected" })).toBe("start");
  });

  it("starts the review of a submitted job for its reviewer", () => {
    expect(startAction({ role: "reviewer", stage: "validation", state: "new" })).toBe("start_review");
  });

  it("only opens a job already under way", () => {
    expect(startAction({ role: "assignee", stage: "annotation", state: "in_progress" })).toBeNull();
    expect(startAction({ role: "reviewer", stage: "validation", state: "in_progress" })).toBeNull();
  });
});
