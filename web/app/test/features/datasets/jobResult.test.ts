import { describe, expect, it } from "vitest";
import {
  exportSummary,
  importSummary,
  mediaCount,
  objectCount,
  problemsOf,
  whereOf,
} from "../../../src/features/datasets/jobResult";
import { EXPORTED, IMPORTED, job, REFUSED } from "./jobs";

describe("where a problem is", () => {
  it("names the dataset file, then the path inside it", () => {
    expect(whereOf(["instances.json", "annotations", 7, "bbox"])).toBe("instances.json: annotations[7].bbox");
  });

  it("names the file and line of a text format", () => {
    expect(whereOf(["labels/a.txt", 3])).toBe("labels/a.txt:3");
  });

  it("leaves out the empty file of a dataset-wide problem", () => {
    expect(whereOf(["", "categories"])).toBe("categories");
  });

  it("writes any other location as the API does", () => {
    expect(whereOf(["format"])).toBe("format");
    expect(whereOf(["body", "task_id"])).toBe("task_id");
  });
});

describe("a refused import", () => {
  it("lists every problem located, in the server's order", () => {
    expect(problemsOf(REFUSED)).toEqual([
      { where: "instances.json: annotations[7].bbox", msg: "expected 4 numbers, got 3", type: "format.bbox", count: 1 },
      { where: "labels/a.txt:3", msg: "class 9 is not in obj.names", type: "format.class", count: 1 },
    ]);
  });
});

describe("a succeeded import's summary", () => {
  const summary = importSummary(IMPORTED)!;

  it("counts the images of every task and the objects of every kind", () => {
    expect(mediaCount(summary)).toBe(4);
    expect(objectCount(summary.counts)).toBe(3);
    expect(summary.labelsCreated).toEqual(["car", "person"]);
    expect(summary.tasks).toEqual([{ id: 31, name: "Street", subset: "", newMedia: 4, matchedMedia: 0 }]);
  });

  it("does not count tracks among the objects, as the server's own message does not", () => {
    expect(objectCount({ rectangle: 10, tracks: 2 })).toBe(10);
  });

  it("carries the warnings when the server sends them, each located", () => {
    const warned = job({
      ...IMPORTED,
      result: { ...IMPORTED.result, warnings: [{ loc: ["a.json", "shapes", 2], msg: "flags ignored", count: 4 }] },
    });
    expect(importSummary(warned)!.warnings).toEqual([{ where: "a.json: shapes[2]", msg: "flags ignored", type: "", count: 4 }]);
    expect(summary.warnings).toEqual([]);
  });

  it("is there only for a succeeded import", () => {
    expect(importSummary(REFUSED)).toBeNull();
    expect(importSummary(EXPORTED)).toBeNull();
  });
});

describe("a succeeded export's summary", () => {
  it("names the file, its size and what the format could not hold", () => {
    expect(exportSummary(EXPORTED)).toEqual({
      format: "coco",
      items: 6,
      fileName: "Street-coco.zip",
      sizeBytes: 1_500_000,
      counts: { rectangle: 5 },
      dropped: { polyline: 2 },
      warnings: [],
    });
  });
});
