import { describe, expect, it } from "vitest";
import { baseName, crumbsOf, manifestLevel, MAX_LISTED, nextLimit, PAGE_SIZE, toggleKey } from "../../../src/features/cloud/manifest";

const LISTED = [
  { key: "day1/001.jpg", size: 100 },
  { key: "day1/002.jpg", size: 50 },
  { key: "day1/night/003.jpg", size: 7 },
  { key: "day2/004.jpg", size: 10 },
  { key: "readme.jpg", size: 1 },
];

describe("a manifest level", () => {
  it("shows the folders under the root with their object count and size, and the objects right there", () => {
    expect(manifestLevel(LISTED, "")).toEqual({
      folders: [
        { prefix: "day1/", name: "day1", objects: 3, bytes: 157 },
        { prefix: "day2/", name: "day2", objects: 1, bytes: 10 },
      ],
      objects: [{ key: "readme.jpg", size: 1 }],
    });
  });

  it("shows a sub-folder's own folders and objects, with their full keys", () => {
    const level = manifestLevel(LISTED, "day1/");
    expect(level.folders).toEqual([{ prefix: "day1/night/", name: "night", objects: 1, bytes: 7 }]);
    expect(level.objects.map((o) => o.key)).toEqual(["day1/001.jpg", "day1/002.jpg"]);
  });

  it("sorts folders by name whatever the order keys came in", () => {
    const level = manifestLevel([{ key: "b/1", size: 1 }, { key: "a/1", size: 1 }], "");
    expect(level.folders.map((f) => f.name)).toEqual(["a", "b"]);
  });

  it("ignores keys outside the prefix shown", () => {
    expect(manifestLevel(LISTED, "day2/")).toEqual({ folders: [], objects: [{ key: "day2/004.jpg", size: 10 }] });
  });

  it("is empty for a prefix nothing is under", () => {
    expect(manifestLevel(LISTED, "day9/")).toEqual({ folders: [], objects: [] });
  });
});

describe("the path above the listing", () => {
  it("goes from the root to the folder shown", () => {
    expect(crumbsOf("day1/night/")).toEqual([
      { name: "", prefix: "" },
      { name: "day1", prefix: "day1/" },
      { name: "night", prefix: "day1/night/" },
    ]);
  });

  it("is the root alone at the root", () => {
    expect(crumbsOf("")).toEqual([{ name: "", prefix: "" }]);
  });

  it("names an object by the last part of its key", () => {
    expect(baseName("day1/night/003.jpg")).toBe("003.jpg");
    expect(baseName("readme.jpg")).toBe("readme.jpg");
  });
});

describe("listing more", () => {
  it("asks for one more page each time, up to what the server answers", () => {
    expect(nextLimit(PAGE_SIZE)).toBe(2 * PAGE_SIZE);
    expect(nextLimit(MAX_LISTED - 1)).toBe(MAX_LISTED);
    expect(nextLimit(MAX_LISTED)).toBe(MAX_LISTED);
  });
});

describe("choosing objects", () => {
  it("keeps them in the order they were chosen", () => {
    const chosen = ["day1/002.jpg", "day1/001.jpg"].reduce(toggleKey, [] as string[]);
    expect(chosen).toEqual(["day1/002.jpg", "day1/001.jpg"]);
  });

  it("drops an object chosen a second time, keeping the others' order", () => {
    expect(toggleKey(["a", "b", "c"], "b")).toEqual(["a", "c"]);
  });
});
