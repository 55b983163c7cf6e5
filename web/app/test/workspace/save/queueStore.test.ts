import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { IndexedDbQueueStore } from "../../../src/workspace/save/queueStore";
import { diff, rect } from "../support";

let dbCount = 0;
const open = () => IndexedDbQueueStore.open(`queue-test-${++dbCount}`);

describe("IndexedDbQueueStore", () => {
  it("gives back a job's diffs in the order they were queued, with the last acknowledged revision", async () => {
    const store = await open();
    const a = diff((d) => d.shapes.create.push(rect("a", 0, 0, 0, 1, 1)));
    const b = diff((d) => d.shapes.delete.push("a"));
    await store.setRevision(3, 12);
    await store.append(3, a);
    await store.append(4, b);
    await store.append(3, b);
    const loaded = await store.load(3);
    expect(loaded.revision).toBe(12);
    expect(loaded.entries.map((e) => e.diff)).toEqual([a, b]);
    expect(loaded.entries[0]!.key).toBeLessThan(loaded.entries[1]!.key);
  });

  it("keeps the queue across connections (a page reload)", async () => {
    const name = `queue-test-${++dbCount}`;
    const first = await IndexedDbQueueStore.open(name);
    await first.append(1, diff((d) => d.shapes.delete.push("x")));
    first.close();
    const second = await IndexedDbQueueStore.open(name);
    expect((await second.load(1)).entries).toHaveLength(1);
  });

  it("removes sent diffs by key and clears one job without touching another", async () => {
    const store = await open();
    const k1 = await store.append(1, diff((d) => d.shapes.delete.push("x")));
    await store.append(1, diff((d) => d.shapes.delete.push("y")));
    await store.append(2, diff((d) => d.shapes.delete.push("z")));
    await store.remove([k1]);
    expect((await store.load(1)).entries.map((e) => e.diff.shapes.delete)).toEqual([["y"]]);
    await store.clear(1);
    expect((await store.load(1)).entries).toEqual([]);
    expect((await store.load(2)).entries).toHaveLength(1);
  });
});
