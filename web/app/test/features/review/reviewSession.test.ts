// @vitest-environment node
import { ApiError } from "@annota/api-client";
import { describe, expect, it } from "vitest";
import type { Issue, ReviewRoutes } from "../../../src/features/review/reviewApi";
import { ReviewSession } from "../../../src/features/review/reviewSession";
import { issue } from "./fixtures";

const refused = new ApiError(403, [{ loc: [], msg: "you may not reopen issues of this job", type: "forbidden" }]);

function routes(overrides: Partial<ReviewRoutes> = {}): ReviewRoutes {
  const fail = () => Promise.reject(new Error("not in this test"));
  return {
    listIssues: async () => [issue(2, 3, "open"), issue(1, 0, "resolved")],
    openIssue: async (_job, body) => ({ ...issue(3, body.frame, "open", body.region, body.comment) }),
    comment: fail,
    resolve: async (id) => issue(id, 3, "resolved"),
    reopen: () => Promise.reject(refused),
    transitions: fail,
    transition: fail,
    heartbeat: fail,
    guidelines: fail,
    acknowledge: fail,
    ...overrides,
  };
}

const ids = (issues: readonly Issue[]) => issues.map((i) => `${i.id}:${i.status}`);

describe("a job's review session", () => {
  it("loads the issues in frame order", async () => {
    const session = new ReviewSession(8, routes());
    expect(session.snapshot().loading).toBe(true);
    await session.load();
    expect(ids(session.snapshot().issues)).toEqual(["1:resolved", "2:open"]);
    expect(session.snapshot().loading).toBe(false);
  });

  it("keeps a region drawn until its first comment is sent, then focuses the new issue", async () => {
    const session = new ReviewSession(8, routes());
    await session.load();
    session.setDrawing(true);
    session.draw(4, { x: 1, y: 2, w: 3, h: 4 });
    expect(session.snapshot()).toMatchObject({ drawing: false, draft: { frame: 4, region: { x: 1, y: 2, w: 3, h: 4 } } });
    await session.submitDraft("wrong label");
    expect(session.snapshot()).toMatchObject({ draft: null, focused: 3 });
    expect(ids(session.snapshot().issues)).toEqual(["1:resolved", "2:open", "3:open"]);
  });

  it("replaces an issue with the server's answer after an action", async () => {
    const session = new ReviewSession(8, routes());
    await session.load();
    await session.resolve(2);
    expect(ids(session.snapshot().issues)).toEqual(["1:resolved", "2:resolved"]);
  });

  it("keeps the issues as they were and says why when an action is refused", async () => {
    const session = new ReviewSession(8, routes());
    await session.load();
    expect(await session.reopen(1)).toBeNull();
    expect(session.snapshot().error?.message).toBe("you may not reopen issues of this job");
    expect(ids(session.snapshot().issues)).toEqual(["1:resolved", "2:open"]);
    expect(session.snapshot().busy).toBe(false);
  });

  it("reports a list it could not load", async () => {
    const session = new ReviewSession(8, routes({ listIssues: () => Promise.reject(ApiError.network(new Error("down"))) }));
    await session.load();
    expect(session.snapshot()).toMatchObject({ loading: false, issues: [] });
    expect(session.snapshot().error?.status).toBe(0);
  });
});
