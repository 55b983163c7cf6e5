/// <reference types="node" />
/**
 * The shared vectors in spec/interpolation/ (docs/interpolation.md): every case of every file.
 * The Python domain runs the same files (tests/domain/test_interpolation_vectors.py). The folder is
 * listed, not a list of names, so a new file is run here and there without being registered.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { CanvasError } from "../src/errors";
import { KIND_REGISTRY } from "../src/kinds/registry";
import { expand, parseFrameRangeTag, parseTrack, shapeAt, stateToWire, tagsAt } from "../src/interpolation";

const VECTORS = fileURLToPath(new URL("../../../../spec/interpolation/", import.meta.url));
const TOLERANCE = 1e-6; // docs/interpolation.md, "Numbers"

type Json = Record<string, unknown>;

interface VectorCase extends Json {
  readonly name: string;
}

interface VectorFile {
  readonly file: string;
  readonly suite: string;
  readonly cases: readonly VectorCase[];
}

/** Equal, numbers within TOLERANCE; the message names the JSON path of the first difference. */
function mismatch(actual: unknown, expected: unknown, where: string): string | null {
  if (typeof expected === "number") {
    if (typeof actual !== "number") return `${where}: expected a number, got ${JSON.stringify(actual)}`;
    return Math.abs(actual - expected) <= TOLERANCE ? null : `${where}: expected ${expected}, got ${actual}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(actual[i], expected[i], `${where}[${i}]`);
      if (m !== null) return m;
    }
    return null;
  }
  if (typeof expected === "object" && expected !== null) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return `${where}: expected an object, got ${JSON.stringify(actual)}`;
    const a = actual as Json;
    const e = expected as Json;
    const keys = (o: Json): string => Object.keys(o).sort().join(",");
    if (keys(a) !== keys(e)) return `${where}: expected keys ${keys(e)}, got ${keys(a)}`;
    for (const key of Object.keys(e)) {
      const m = mismatch(a[key], e[key], `${where}.${key}`);
      if (m !== null) return m;
    }
    return null;
  }
  return actual === expected ? null : `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

function assertMatches(actual: unknown, expected: unknown, where: string): void {
  const m = mismatch(actual, expected, where);
  if (m !== null) expect.fail(m);
}

function runShapeAt(c: VectorCase, where: string): void {
  const track = parseTrack(c.track, [where, "track"]);
  (c.expect as { frame: number; state: unknown }[]).forEach((e, i) => {
    const state = shapeAt(track, e.frame);
    assertMatches(state === null ? null : stateToWire(track.kind, state), e.state, `${where}.expect[${i}] (frame ${e.frame})`);
  });
}

function runExpand(c: VectorCase, where: string): void {
  const track = parseTrack(c.track, [where, "track"]);
  const run = (): unknown[] => expand(track, c.start as number, c.stop as number, c.step as number).map((s) => stateToWire(track.kind, s));
  if (c.error !== undefined) {
    let caught: unknown = null;
    try {
      run();
    } catch (e) {
      caught = e;
    }
    expect(caught, where).toBeInstanceOf(CanvasError);
    expect((caught as CanvasError).issues.map((i) => i.loc), where).toEqual([(c.error as { loc: unknown }).loc]);
    return;
  }
  assertMatches(run(), c.expect, `${where}.expect`);
}

function runTagsAt(c: VectorCase, where: string): void {
  const tags = (c.tags as unknown[]).map((t, i) => parseFrameRangeTag(t, [where, "tags", i]));
  (c.expect as { frame: number; ids: string[] }[]).forEach((e, i) => {
    expect(tagsAt(tags, e.frame).map((t) => t.id), `${where}.expect[${i}] (frame ${e.frame})`).toEqual(e.ids);
  });
}

const SUITES: Readonly<Record<string, (c: VectorCase, where: string) => void>> = {
  shape_at: runShapeAt,
  expand: runExpand,
  tags_at: runTagsAt,
};

function loadFile(file: string): VectorFile {
  const doc = JSON.parse(readFileSync(VECTORS + file, "utf8")) as Json;
  const keys = Object.keys(doc).sort().join(",");
  if (keys !== "cases,description,suite") throw new Error(`${file}: expected exactly the keys description, suite, cases; got ${keys}`);
  if (typeof doc.description !== "string" || doc.description.trim() === "") throw new Error(`${file}: description: must describe the file's schema`);
  if (typeof doc.suite !== "string" || !Object.hasOwn(SUITES, doc.suite)) throw new Error(`${file}: suite: unknown suite ${JSON.stringify(doc.suite)}`);
  if (!Array.isArray(doc.cases) || doc.cases.length === 0) throw new Error(`${file}: cases: expected a non-empty list`);
  return { file, suite: doc.suite, cases: doc.cases as VectorCase[] };
}

const entries = readdirSync(VECTORS).sort();
const files = entries.filter((f) => f.endsWith(".json")).map(loadFile);

describe("interpolation vectors", () => {
  it("finds only JSON vector files in the folder, and some", () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.map((f) => f.file)).toEqual(entries);
  });

  it("cover every kind with geometry and every suite", () => {
    const kinds = new Set(files.flatMap((f) => f.cases.map((c) => (c.track as Json | undefined)?.kind)).filter((k) => k !== undefined));
    const shapeKinds = Object.values(KIND_REGISTRY).filter((u) => u.collection === "shapes").map((u) => u.kind);
    expect([...kinds].sort()).toEqual(shapeKinds.sort());
    expect(new Set(files.map((f) => f.suite))).toEqual(new Set(Object.keys(SUITES)));
  });

  for (const f of files) {
    describe(f.file, () => {
      f.cases.forEach((c, i) => {
        it(c.name, () => {
          (SUITES[f.suite] as (c: VectorCase, where: string) => void)(c, `${f.file}: cases[${i}] (${c.name})`);
        });
      });
    });
  }
});
