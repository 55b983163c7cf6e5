import { describe, expect, it } from "vitest";
import { conflictCounts, CONFLICT_TYPES, formatRate, formatSimilarity, NO_RATE } from "../../../src/features/quality/rates";

describe("formatRate", () => {
  it("writes a rate as a percentage with one decimal, as the reader's locale does", () => {
    expect(formatRate("en", 0.8234)).toBe("82.3%");
    expect(formatRate("fr", 0.8234)).toMatch(/^82,3[\u00a0\u202f]%$/);
  });

  it("writes a dash for a rate with nothing to measure, never 0 %", () => {
    expect(formatRate("en", null)).toBe(NO_RATE);
    expect(formatRate("en", undefined)).toBe(NO_RATE);
  });
});

describe("formatSimilarity", () => {
  it("writes a similarity with two decimals", () => {
    expect(formatSimilarity("en", 0.818181)).toBe("0.82");
    expect(formatSimilarity("fr", 0.818181)).toBe("0,82");
    expect(formatSimilarity("fr", null)).toBe(NO_RATE);
  });
});

describe("conflictCounts", () => {
  it("lists every documented type in order, with 0 for those absent", () => {
    const counts = conflictCounts({ conflicts: { wrong_label: 2, missing_object: 5 } });
    expect(counts.map((c) => c.type)).toEqual([...CONFLICT_TYPES]);
    expect(counts.slice(0, 3).map((c) => c.count)).toEqual([5, 0, 2]);
  });

  it("keeps a type this page does not know, after the known ones", () => {
    const counts = conflictCounts({ conflicts: { occluded_mismatch: 1 } });
    expect(counts.at(-1)).toEqual({ type: "occluded_mismatch", count: 1 });
    expect(counts).toHaveLength(CONFLICT_TYPES.length + 1);
  });
});
