import { describe, expect, it } from "vitest";
import { initialValue, missingRequired, parseAttributeSpecs } from "../../src/workspace/attributes";
import { WorkspaceError } from "../../src/workspace/errors";

const specs = parseAttributeSpecs(
  [
    { name: "colour", kind: "select", values: ["red", "blue"], default: null, required: false },
    { name: "plate", kind: "text", default: null, required: true },
    { name: "make", kind: "radio", values: ["a", "b"], default: null, required: true },
    { name: "speed", kind: "number", min: 0, max: 200, step: 1, default: null },
    { name: "parked", kind: "checkbox", default: true },
  ],
  ["labels", 0, "attributes"],
);

describe("attribute specs", () => {
  it("give new objects the explicit default, else the kind's first value, required ones included", () => {
    expect(specs.map(initialValue)).toEqual(["red", "", "a", 0, true]);
  });

  it("flag required attributes with no value, an empty text, or a value not among the choices", () => {
    expect(missingRequired(specs, {})).toEqual(["plate", "make"]);
    expect(missingRequired(specs, { plate: "", make: "c" })).toEqual(["plate", "make"]);
    expect(missingRequired(specs, { plate: "AB-123", make: "a" })).toEqual([]);
  });

  it("locate malformed specs", () => {
    const bad = () => parseAttributeSpecs([{ name: "x", kind: "slider" }, 3], ["labels", 2, "attributes"]);
    expect(bad).toThrow(WorkspaceError);
    expect(bad).toThrow("labels[2].attributes[0].kind: expected one of select, radio, checkbox, number, text, got slider; labels[2].attributes[1]: expected an attribute spec object");
  });
});
