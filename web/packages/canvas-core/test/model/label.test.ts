import { describe, expect, it } from "vitest";

import { CanvasError } from "../../src/errors";
import { labelAllowsKind, parseLabels } from "../../src/model/label";
import { LABELS } from "../support/fixtures";

describe("labels", () => {
  it("parse the server's labels with their skeleton template", () => {
    const labels = parseLabels(LABELS);
    expect(labels.find((l) => l.id === 4)?.skeleton?.points.map((p) => p.name)).toEqual(["head", "left", "right"]);
  });

  it("allow their own kind, or every kind for `any`", () => {
    const [car, person] = parseLabels(LABELS);
    expect(labelAllowsKind(car!, "mask")).toBe(true);
    expect(labelAllowsKind(person!, "rectangle")).toBe(true);
    expect(labelAllowsKind(person!, "polygon")).toBe(false);
  });

  it("turn attribute defaults into typed values", () => {
    const [l] = parseLabels([
      {
        id: 1,
        name: "car",
        color: "#f00",
        kind: "any",
        attributes: [
          { name: "doors", input_type: "number", default_value: "4" },
          { name: "parked", input_type: "checkbox", default_value: "true" },
          { name: "colour", input_type: "select", default_value: "red" },
          { name: "note", input_type: "text", default_value: null },
        ],
      },
    ]);
    expect(l?.attributeDefaults).toEqual({ doors: 4, parked: true, colour: "red" });
  });

  it("report a skeleton edge that names a missing point, and a skeleton label without template", () => {
    try {
      parseLabels([
        { id: 1, name: "pose", color: "#f00", kind: "skeleton", skeleton: { points: [{ name: "a", x: 0, y: 0 }], edges: [[0, 3]] } },
        { id: 2, name: "bare", color: "#f00", kind: "skeleton" },
      ]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CanvasError);
      expect((e as CanvasError).issues.map((i) => i.loc.join("."))).toEqual(["labels.0.skeleton.edges.0", "labels.1.skeleton"]);
    }
  });
});
