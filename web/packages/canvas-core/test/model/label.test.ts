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

  it("read the server's attribute specs and start objects with each one's effective default", () => {
    const [l] = parseLabels([
      {
        id: 1,
        project_id: 1,
        name: "car",
        color: "#f00",
        kind: "any",
        position: 0,
        skeleton: null,
        attributes: [
          { name: "doors", kind: "number", values: [], default: 4, mutable: false, required: false, min: 2, max: 5, step: 1 },
          { name: "seats", kind: "number", values: [], default: null, mutable: false, required: false, min: 1, max: 9, step: null },
          { name: "parked", kind: "checkbox", values: [], default: null, mutable: true, required: false, min: null, max: null, step: null },
          { name: "colour", kind: "select", values: ["red", "blue"], default: "blue", mutable: false, required: true, min: null, max: null, step: null },
          { name: "light", kind: "radio", values: ["on", "off"], default: null, mutable: true, required: false, min: null, max: null, step: null },
          { name: "note", kind: "text", values: [], default: null, mutable: false, required: false, min: null, max: null, step: null },
        ],
      },
    ]);
    expect(l?.attributeDefaults).toEqual({ doors: 4, seats: 1, parked: false, colour: "blue", light: "on", note: "" });
    expect([...(l?.mutableAttributes ?? [])]).toEqual(["parked", "light"]);
    expect(l?.attributes.map((a) => a.kind)).toEqual(["number", "number", "checkbox", "select", "radio", "text"]);
  });

  it("report every attribute spec the server would refuse, each at its place", () => {
    try {
      parseLabels([
        {
          id: 1,
          name: "car",
          color: "#f00",
          kind: "any",
          attributes: [
            { name: "doors", input_type: "number", default_value: "4" },
            { name: "colour", kind: "select", values: ["red"], default: "green" },
            { name: "speed", kind: "number", max: 10 },
            { name: "parked", kind: "checkbox", default: "yes" },
            { name: "note", kind: "text", mutable: "no" },
            { name: "colour", kind: "text" },
          ],
        },
      ]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CanvasError);
      expect((e as CanvasError).issues.map((i) => i.loc.join("."))).toEqual([
        "labels.0.attributes.0.kind",
        "labels.0.attributes.1.default",
        "labels.0.attributes.2.min",
        "labels.0.attributes.3.default",
        "labels.0.attributes.4.mutable",
        "labels.0.attributes.5.name",
      ]);
    }
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
