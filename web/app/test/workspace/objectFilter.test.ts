import type { AnyObject } from "@annota/canvas-core";
import { describe, expect, it } from "vitest";
import { objectMatcher } from "../../src/workspace/objectFilter";

const obj = (id: string, labelId: number, kind: string, attributes: AnyObject["attributes"]) => ({ id, labelId, kind, attributes }) as unknown as AnyObject;
const objects = [obj("a", 1, "rectangle", { colour: "red", parked: true, doors: 4 }), obj("b", 1, "rectangle", { colour: "blue" }), obj("c", 2, "polygon", {})];
const names: Record<number, string> = { 1: "car", 2: "road" };
const ids = (q: string) => objects.filter(objectMatcher(q, (id) => names[id] ?? "")).map((o) => o.id);

describe("the objects search", () => {
  it("matches every object when empty", () => expect(ids("  ")).toEqual(["a", "b", "c"]));
  it("matches attribute values by name=value, numbers and booleans included", () => {
    expect(ids("colour=RED")).toEqual(["a"]);
    expect(ids("parked=true doors=4")).toEqual(["a"]);
  });
  it("matches labels and kinds by prefix terms", () => expect([ids("label:road"), ids("kind:rectangle")]).toEqual([["c"], ["a", "b"]]));
  it("matches free words against labels and attribute values", () => expect([ids("blu"), ids("ROAD")]).toEqual([["b"], ["c"]]));
});
