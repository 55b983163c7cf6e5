import { describe, expect, it } from "vitest";
import { outcomeOf, revisionFromEtag } from "../../../src/workspace/api/annotations";

describe("the save answers", () => {
  it("read the revision of an ETag, weak or strong", () => {
    expect([revisionFromEtag('"12"'), revisionFromEtag('W/"3"'), revisionFromEtag(null), revisionFromEtag('"x"')]).toEqual([12, 3, null, null]);
  });

  it("map 200, 409, 401, 5xx and 422 to what the engine does next", () => {
    expect(outcomeOf(200, { revision: 4 }, '"4"')).toEqual({ type: "saved", revision: 4 });
    expect(outcomeOf(409, { ok: false, status: 409, errors: [] }, '"9"')).toEqual({ type: "conflict", revision: 9 });
    expect(outcomeOf(401, null, null)).toEqual({ type: "offline", reason: "unauthorized" });
    expect(outcomeOf(503, "down", null)).toEqual({ type: "offline", reason: "server" });
    const refused = outcomeOf(422, { ok: false, status: 422, errors: [{ loc: ["body", "shapes"], msg: "bad", type: "x" }] }, null);
    expect(refused).toEqual({ type: "rejected", status: 422, errors: [{ loc: ["body", "shapes"], msg: "bad", type: "x" }] });
  });

  it("map a 409 for unread guidelines to a refusal that waits for the user, not to a conflict", () => {
    const body = { ok: false, status: 409, errors: [{ loc: ["path", "job_id"], msg: "acknowledge version 2", type: "guidelines_not_acknowledged" }] };
    expect(outcomeOf(409, body, null)).toEqual({ type: "rejected", status: 409, errors: body.errors });
  });
});
