import { describe, expect, it } from "vitest";
import { FrameStore, type FrameStoreOptions } from "../../../src/video/media/frameStore";
import { chunkOf, fakeDecode, flush, type FakeFrame } from "../support";

const CHUNK = 10;

function store(options: Partial<FrameStoreOptions> = {}, failChunks: ReadonlySet<number> = new Set()) {
  const chunkCalls: number[] = [];
  const frameCalls: number[] = [];
  const frames = new FrameStore({
    first: 0,
    last: 99,
    chunkSize: CHUNK,
    frameBytes: 64,
    fetchChunk: async (k) => {
      chunkCalls.push(k);
      if (failChunks.has(k)) throw new Error(`chunk ${k} is not there`);
      return chunkOf(k * CHUNK, Math.min(99, k * CHUNK + CHUNK - 1));
    },
    fetchFrame: async (n) => {
      frameCalls.push(n);
      return new Blob([`single ${n}`]);
    },
    decode: fakeDecode,
    chunksAhead: 1,
    ...options,
  });
  return { frames, chunkCalls, frameCalls };
}

const label = (f: unknown) => (f as FakeFrame | null)?.label ?? null;

describe("the frame store", () => {
  it("fetches a frame alone when nothing is in reach (a seek), then the chunks ahead of the frame shown", async () => {
    const { frames, chunkCalls, frameCalls } = store();
    frames.setLookahead(12);
    expect(label(await frames.load(35))).toBe("single 35");
    expect(frameCalls).toEqual([35]);
    frames.showing(35);
    await flush();
    // The window 35…47 spans chunks 3 and 4, and one more is fetched past it.
    expect(chunkCalls).toEqual([3, 4, 5]);
  });

  it("decodes the frames ahead of the playhead from their chunks, ready to show at once", async () => {
    const { frames, frameCalls } = store();
    frames.setLookahead(15);
    frames.showing(0);
    await flush();
    expect([0, 1, 9, 10, 15].map((f) => label(frames.ready(f)))).toEqual(["0", "1", "9", "10", "15"]);
    expect(frames.ready(16)).toBeNull();
    expect(label(await frames.load(12))).toBe("12");
    expect(frameCalls).toEqual([]);
  });

  it("fetches each chunk once, however many frames ask for it", async () => {
    const { frames, chunkCalls } = store();
    frames.showing(0);
    await Promise.all([frames.load(1), frames.load(2), frames.load(3)]);
    await flush();
    expect(chunkCalls.filter((k) => k === 0)).toHaveLength(1);
  });

  it("keeps decoded frames under the cap, releasing the frames farthest behind the playhead first", async () => {
    // 64 bytes a frame (4×4×4): a cap of 20 frames.
    const { frames } = store({ maxDecodedBytes: 20 * 64 });
    frames.setLookahead(10);
    frames.showing(0);
    await flush();
    const first = frames.ready(0) as FakeFrame;
    frames.showing(30);
    await flush();
    expect(frames.stats().decodedBytes).toBeLessThanOrEqual(20 * 64);
    expect(first.closed).toBe(false); // handed to the canvas last: it may still be drawing it
    expect([1, 2].map((f) => frames.ready(f))).toEqual([null, null]);
    expect([3, 10, 30, 40].every((f) => frames.ready(f) !== null)).toBe(true);
  });

  it("falls back to single frames when a chunk cannot be fetched", async () => {
    const { frames, frameCalls } = store({}, new Set([2]));
    frames.showing(20);
    await flush();
    expect(label(await frames.load(21))).toBe("single 21");
    expect(frameCalls).toContain(21);
    expect(frames.stats().failures).toBeGreaterThan(0);
  });

  it("never fetches outside the job's frames", async () => {
    const { frames, chunkCalls } = store({ first: 0, last: 14 });
    frames.setLookahead(40);
    frames.showing(10);
    await flush();
    expect(chunkCalls).toEqual([1]);
  });

  it("releases every decoded frame when destroyed", async () => {
    const { frames } = store();
    frames.showing(0);
    await flush();
    const kept = frames.ready(3) as FakeFrame;
    frames.destroy();
    expect(kept.closed).toBe(true);
    expect(frames.ready(3)).toBeNull();
  });
});
