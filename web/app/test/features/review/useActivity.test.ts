// @vitest-environment node
import { describe, expect, it } from "vitest";
import { outputOf } from "../../../src/features/review/useActivity";
import { diff, rect } from "../../workspace/support";

describe("the output of a save", () => {
  it("counts objects created, and those changed or deleted as edited", () => {
    const d = diff((x) => {
      x.shapes.create.push(rect("a", 0, 1, 1, 2, 2), rect("b", 0, 1, 1, 2, 2));
      x.shapes.update.push(rect("c", 0, 1, 1, 3, 3));
      x.tags.delete.push("t");
    });
    expect(outputOf(d)).toEqual({ created: 2, edited: 2 });
  });
});
