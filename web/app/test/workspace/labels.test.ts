import type { LabelPublic } from "@annota/api-client";
import { describe, expect, it } from "vitest";
import { labelFitsKind, readLabels, toolsForLabelKind } from "../../src/workspace/labels";

const car: LabelPublic = {
  id: 1,
  project_id: 1,
  name: "car",
  color: "#e69f00",
  kind: "rectangle",
  position: 0,
  skeleton: null,
  attributes: [
    { name: "colour", kind: "select", values: ["red", "white"], default: "white" },
    { name: "parked", kind: "checkbox", default: false },
    { name: "plate", kind: "text", required: true },
  ],
};

describe("workspace labels", () => {
  it("give the canvas the server's attribute specs as they are, which it checks and reads defaults from itself", () => {
    const [label] = readLabels([car]);
    expect(label?.canvas.attributes).toEqual(car.attributes);
  });

  it("allow the tools of their kind; a mask label also fills polygons", () => {
    expect(toolsForLabelKind("rectangle")).toEqual(["rectangle"]);
    expect(toolsForLabelKind("mask")).toEqual(["brush", "eraser", "polygon"]);
    expect(toolsForLabelKind("tag")).toEqual([]);
    expect(toolsForLabelKind("any")).not.toContain("skeleton");
  });

  it("fit objects of their kind only (any fits all but skeletons and tags)", () => {
    expect([labelFitsKind("any", "polygon"), labelFitsKind("any", "skeleton"), labelFitsKind("tag", "tag"), labelFitsKind("polygon", "rectangle")]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });
});
