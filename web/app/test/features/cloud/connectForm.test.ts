import { ApiError } from "@annota/api-client";
import { describe, expect, it } from "vitest";
import { connectBody, EMPTY_CONNECTION, localProblems, serverProblems } from "../../../src/features/cloud/connectForm";

const FILLED = {
  ...EMPTY_CONNECTION,
  name: " cams ",
  bucket: "acme-footage ",
  prefix: " cams/2026/",
  access_key_id: "AKIA1",
  secret_access_key: " s3cret ",
};

describe("the connect form's own checks", () => {
  it("need a name and a bucket", () => {
    expect(localProblems(EMPTY_CONNECTION)).toEqual({ name: "required", bucket: "required" });
  });

  it("accept a connection without keys (the server's credentials)", () => {
    expect(localProblems({ ...FILLED, access_key_id: "", secret_access_key: "" })).toEqual({});
  });

  it("point at the missing half of a key pair", () => {
    expect(localProblems({ ...FILLED, secret_access_key: "" })).toEqual({ secret_access_key: "keysInPairs" });
    expect(localProblems({ ...FILLED, access_key_id: " " })).toEqual({ access_key_id: "keysInPairs" });
  });
});

describe("the body sent to connect a bucket", () => {
  it("trims the texts, keeps the secret as typed and leaves empty optional fields out", () => {
    expect(connectBody(FILLED)).toEqual({
      name: "cams",
      bucket: "acme-footage",
      prefix: "cams/2026/",
      endpoint_url: null,
      region: null,
      access_key_id: "AKIA1",
      secret_access_key: " s3cret ",
    });
  });
});

describe("the server's refusal", () => {
  it("puts each message at its field and keeps the others for the banner", () => {
    const error = new ApiError(422, [
      { loc: ["body", "bucket"], msg: "no such bucket", type: "bucket_not_found" },
      { loc: ["body", "endpoint_url"], msg: "must start with http", type: "string_pattern_mismatch" },
      { loc: ["body", "bucket"], msg: "too short", type: "string_too_short" },
      { loc: ["path", "project_id"], msg: "not found", type: "not_found" },
    ]);
    const problems = serverProblems(error);
    expect(problems.fields).toEqual({ bucket: ["no such bucket", "too short"], endpoint_url: ["must start with http"] });
    expect(problems.other.map((e) => e.type)).toEqual(["not_found"]);
  });

  it("is nothing when there was no refusal", () => {
    expect(serverProblems(null)).toEqual({ fields: {}, other: [] });
  });
});
