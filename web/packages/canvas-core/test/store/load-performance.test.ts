/**
 * Performance sanity for loading the target load (10,000 boxes + 1,000 polygons of 50 points):
 * `setObjects` and `setAnnotations` must do work linear in the objects, and cheap per object —
 * each object parsed once and its bounds computed once, the registry's kind lists and field
 * sets built once per registry rather than once per object, no allocation per number read. We
 * count that work, and check a load stays well under its 60 ms budget.
 */
import { beforeAll, describe, expect, it } from "vitest";

import type { Editor } from "../../src/editor";
import type { KindUtil } from "../../src/kinds/kind";
import { KIND_REGISTRY, type KindRegistry } from "../../src/kinds/registry";
import { KINDS, type Kind } from "../../src/model/geometry";
import { targetScene, testEditor } from "../support/fixtures";

const OBJECTS = 11_000;
const BUDGET_MS = 60;

const work = { parse: 0, bbox: 0, fieldReads: 0 };

/** The kind's util, counting parses, bounds and reads of its field lists. */
function counting<K extends Kind>(util: KindUtil<K>): KindUtil<K> {
  const parse: KindUtil<K>["parse"] = (...args) => {
    work.parse++;
    return util.parse(...args);
  };
  const bbox: KindUtil<K>["bbox"] = (...args) => {
    work.bbox++;
    return util.bbox(...args);
  };
  return new Proxy(util, {
    get(target, prop, receiver) {
      if (prop === "parse") return parse;
      if (prop === "bbox") return bbox;
      if (prop === "wireFields" || prop === "collection") work.fieldReads++;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

const countingRegistry = Object.fromEntries(KINDS.map((k) => [k, counting(KIND_REGISTRY[k] as KindUtil<Kind>)])) as unknown as KindRegistry;

/** Work done by `run`. */
function cost(run: () => void): typeof work {
  work.parse = 0;
  work.bbox = 0;
  work.fieldReads = 0;
  run();
  return { ...work };
}

/**
 * The median cost in ms of `runs` calls, after two to warm the code up. A call's cost is the
 * lesser of its wall time and the process's CPU time: on a busy machine a load waits for a core
 * without costing more, and V8's helper threads add CPU time without adding wall time.
 */
function medianMs(run: () => void, runs = 5): number {
  run();
  run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    const wall = performance.now();
    run();
    const used = process.cpuUsage(start);
    times.push(Math.min((used.user + used.system) / 1000, performance.now() - wall));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] as number;
}

let scene: ReturnType<typeof targetScene>;
let counted: Editor;
let timed: Editor;

beforeAll(() => {
  scene = targetScene();
  ({ editor: counted } = testEditor({ registry: countingRegistry }, { width: 1600, height: 1000 }));
  ({ editor: timed } = testEditor({}, { width: 1600, height: 1000 }));
});

describe("loading 10,000 boxes and 1,000 polygons", () => {
  it("parses each object once and computes its bounds once", () => {
    const c = cost(() => counted.setObjects(scene));
    expect(counted.store.size).toBe(OBJECTS);
    expect(counted.index.size).toBe(OBJECTS);
    expect(c.parse).toBe(OBJECTS);
    expect(c.bbox).toBeLessThanOrEqual(OBJECTS);
  });

  it("reads the registry's field lists once per registry, not once per object", () => {
    const first = cost(() => counted.setObjects(scene));
    const again = cost(() => counted.tracks.load(scene, 0));
    expect(first.fieldReads + again.fieldReads).toBeLessThanOrEqual(2 * KINDS.length);
  });

  it("loads one image's objects with setObjects within the budget", () => {
    expect(medianMs(() => timed.setObjects(scene))).toBeLessThan(BUDGET_MS);
  });

  it("loads them as a whole job with setAnnotations within the budget", () => {
    expect(medianMs(() => timed.tracks.load(scene, 0))).toBeLessThan(BUDGET_MS);
    expect(timed.store.size).toBe(OBJECTS);
  });
});
