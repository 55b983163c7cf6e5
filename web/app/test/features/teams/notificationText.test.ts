import { describe, expect, it } from "vitest";
import { notificationTarget, notificationTextKey } from "../../../src/features/teams/notifications/notificationText";

function notice(kind: string, payload: Record<string, unknown> = {}, job_id: number | null = 4) {
  return { kind, project_id: 2, job_id, issue_id: null, payload };
}

describe("a notification's text", () => {
  it("says which seat an assignment gives", () => {
    expect(notificationTextKey(notice("assigned", { role: "assignee" }))).toBe("assigned_assignee");
    expect(notificationTextKey(notice("assigned", { role: "reviewer" }))).toBe("assigned_reviewer");
  });

  it("has its own text for each kind the server sends", () => {
    expect(notificationTextKey(notice("rejected"))).toBe("rejected");
    expect(notificationTextKey(notice("deadline_approaching"))).toBe("deadline_approaching");
  });

  it("reads as 'other' for a kind this page does not know yet", () => {
    expect(notificationTextKey(notice("job.exploded"))).toBe("other");
  });
});

describe("where a notification leads", () => {
  it("opens its job, at the frame of a comment", () => {
    expect(notificationTarget(notice("rejected"))).toBe("/jobs/4");
    expect(notificationTarget(notice("commented", { frame: 7 }))).toBe("/jobs/4?frame=7");
  });

  it("opens the project when it names no job", () => {
    expect(notificationTarget(notice("other", {}, null))).toBe("/projects/2");
  });
});
