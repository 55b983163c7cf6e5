import { ApiError } from "@annota/api-client";
import { describe, expect, it } from "vitest";
import { objectProblems } from "../../../src/features/cloud/problems";

const item = (loc: (string | number)[], msg: string) => ({ loc, msg, type: "test" });

describe("the problems of adding objects", () => {
  it("name the key asked for at each `keys[i]`", () => {
    const error = new ApiError(422, [item(["body", "keys", 1], "no such object")]);
    expect(objectProblems(error, { storage_id: 3, keys: ["a.jpg", "b.jpg"] })).toEqual([
      { object: "b.jpg", msg: "no such object" },
    ]);
  });

  it("name the object found under the prefix", () => {
    const error = new ApiError(422, [item(["body", "prefix", "day1/notes.txt"], "not an image")]);
    expect(objectProblems(error, { storage_id: 3, prefix: "day1/" })).toEqual([
      { object: "day1/notes.txt", msg: "not an image" },
    ]);
  });

  it("name the prefix itself when the listing failed", () => {
    const error = new ApiError(502, [item(["body", "prefix"], "access denied")]);
    expect(objectProblems(error, { storage_id: 3, prefix: "day1/" })).toEqual([{ object: "day1/", msg: "access denied" }]);
  });

  it("leave other problems unnamed", () => {
    const error = new ApiError(404, [item(["body", "storage_id"], "cloud storage not found")]);
    expect(objectProblems(error, { storage_id: 3, prefix: "" })).toEqual([{ object: null, msg: "cloud storage not found" }]);
  });
});
