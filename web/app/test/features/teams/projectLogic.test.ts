import { describe, expect, it } from "vitest";
import { summaryText } from "../../../src/features/teams/project/AuditSection";
import { progressRows } from "../../../src/features/teams/project/dashboardRows";
import { draftOf, fromLocalInput, jobChanges, toLocalInput } from "../../../src/features/teams/project/jobDraft";
import { hoursMinutes, timeCsvPath, timeParams } from "../../../src/features/teams/project/timeReport";

describe("the time report's CSV link", () => {
  it("asks for the same grouping and period as the table", () => {
    expect(timeCsvPath({ kind: "project", id: 3 }, { group: "day", since: "2026-11-01", until: "2026-11-30" })).toBe(
      "/api/projects/3/reports/time.csv?group=day&since=2026-11-01&until=2026-11-30",
    );
  });

  it("leaves out the bounds that are not set", () => {
    expect(timeCsvPath({ kind: "project", id: 3 }, { group: "person", since: "", until: "" })).toBe(
      "/api/projects/3/reports/time.csv?group=person",
    );
    expect(timeParams({ group: "job", since: "", until: "2026-11-30" })).toEqual({ group: "job", until: "2026-11-30" });
  });
});

describe("a person's own time report", () => {
  it("downloads from the person's report, per project", () => {
    expect(timeCsvPath({ kind: "user", id: 9 }, { group: "project", since: "", until: "" })).toBe("/api/users/9/reports/time.csv?group=project");
  });
});

describe("active time", () => {
  it("reads as hours and minutes, rounded to the minute", () => {
    expect(hoursMinutes(3_930)).toEqual({ hours: 1, minutes: 6 });
    expect(hoursMinutes(29)).toEqual({ hours: 0, minutes: 0 });
    expect(hoursMinutes(-5)).toEqual({ hours: 0, minutes: 0 });
  });
});

describe("a job's assignment draft", () => {
  const job = { assignee_id: 2, reviewer_id: null, deadline: null, priority: 0 };

  it("changes nothing until something is edited", () => {
    expect(jobChanges(job, draftOf(job))).toEqual({});
  });

  it("sends only what was edited, the deadline as an instant", () => {
    const draft = { ...draftOf(job), reviewer_id: 5, deadline: "2030-01-15T17:00" };
    expect(jobChanges(job, draft)).toEqual({ reviewer_id: 5, deadline: new Date("2030-01-15T17:00").toISOString() });
  });

  it("clears a deadline emptied in the form, and unassigns a seat set to nobody", () => {
    const dated = { ...job, deadline: "2030-01-15T17:00:00Z" };
    expect(jobChanges(dated, { ...draftOf(dated), deadline: "", assignee_id: null })).toEqual({ deadline: null, assignee_id: null });
  });

  it("shows a deadline in local time and reads it back to the same instant", () => {
    const iso = "2030-01-15T17:00:00.000Z";
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(toLocalInput("not a date")).toBe("");
  });
});

describe("the dashboard's progress rows", () => {
  it("follow the workflow's order and skip empty cells", () => {
    const rows = progressRows({ validation: { new: 1 }, annotation: { completed: 0, in_progress: 2, new: 1 } }, 4);
    expect(rows.map((r) => [r.stage, r.state, r.count, r.share])).toEqual([
      ["annotation", "new", 1, 0.25],
      ["annotation", "in_progress", 2, 0.5],
      ["validation", "new", 1, 0.25],
    ]);
  });
});

describe("an audit entry's summary", () => {
  it("lists each fact, nested counts as JSON", () => {
    expect(summaryText({ created: { rectangle: 2 }, revision: 4, name: "cars" })).toBe('created: {"rectangle":2}, revision: 4, name: cars');
  });
});
