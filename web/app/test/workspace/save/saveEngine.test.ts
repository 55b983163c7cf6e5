import { describe, expect, it } from "vitest";
import type { ServerDiff } from "../../../src/workspace/document/wire";
import { MemoryQueueStore } from "../../../src/workspace/save/queueStore";
import { SaveEngine, type SaveOutcome, type Timers } from "../../../src/workspace/save/saveEngine";
import { diff, rect, settle } from "../support";

/** A server that answers what the test says, and records every save. */
class FakeServer {
  readonly saves: { revision: number; diff: ServerDiff }[] = [];
  answers: SaveOutcome[] = [];
  revision = 1;
  private release: (() => void) | null = null;
  hold = false;

  readonly transport = {
    save: async (_job: number, revision: number, d: ServerDiff): Promise<SaveOutcome> => {
      this.saves.push({ revision, diff: d });
      if (this.hold) await new Promise<void>((r) => (this.release = r));
      const answer = this.answers.shift();
      if (answer !== undefined) return answer;
      this.revision += 1;
      return { type: "saved", revision: this.revision };
    },
  };

  letGo(): void {
    this.hold = false;
    this.release?.();
  }
}

class ManualTimers implements Timers {
  private pending: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  time = 0;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.push({ at: this.time + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }
  now(): number {
    return this.time;
  }
  /** Runs the timers due within `ms`. */
  async advance(ms: number): Promise<void> {
    this.time += ms;
    const due = this.pending.filter((p) => p.at <= this.time);
    this.pending = this.pending.filter((p) => p.at > this.time);
    for (const p of due) p.fn();
    await settle(10);
  }
  get waiting(): number[] {
    return this.pending.map((p) => p.at - this.time);
  }
}

function setup(restored: Parameters<typeof SaveEngine.prototype.enqueue>[0][] = []) {
  const server = new FakeServer();
  const store = new MemoryQueueStore();
  const timers = new ManualTimers();
  const engine = new SaveEngine({
    jobId: 7,
    revision: 1,
    transport: server.transport,
    store,
    timers,
    restored: restored.map((d, i) => ({ key: 100 + i, diff: d, at: 0 })),
  });
  return { server, store, timers, engine };
}

const create = (id: string) => diff((d) => d.shapes.create.push(rect(id, 0, 0, 0, 10, 10)));

describe("SaveEngine", () => {
  it("sends a queued diff with the job revision and is saved afterwards", async () => {
    const { server, engine, timers, store } = setup();
    engine.enqueue(create("a"));
    expect(engine.state().status).toBe("pending");
    await timers.advance(0);
    expect(server.saves).toEqual([{ revision: 1, diff: create("a") }]);
    expect(engine.state()).toMatchObject({ status: "saved", revision: 2, queued: 0 });
    await engine.persisted();
    expect(await store.load(7)).toEqual({ revision: 2, entries: [] });
  });

  it("folds what was queued during a save into the next one, based on the new revision", async () => {
    const { server, engine, timers } = setup();
    server.hold = true;
    engine.enqueue(create("a"));
    await timers.advance(0);
    expect(engine.state().status).toBe("saving");
    engine.enqueue(create("b"));
    engine.enqueue(diff((d) => d.shapes.update.push(rect("b", 0, 1, 1, 5, 5))));
    server.letGo();
    await settle(20);
    expect(server.saves.map((s) => s.revision)).toEqual([1, 2]);
    expect(server.saves[1]?.diff.shapes.create).toEqual([rect("b", 0, 1, 1, 5, 5)]);
    expect(engine.state().status).toBe("saved");
  });

  it("keeps the changes queued while the server cannot be reached, and retries with growing delays", async () => {
    const { server, engine, timers, store } = setup();
    server.answers = [{ type: "offline", reason: "network" }, { type: "offline", reason: "network" }];
    engine.enqueue(create("a"));
    engine.enqueue(create("b"));
    await timers.advance(0);
    expect(engine.state()).toMatchObject({ status: "offline", queued: 2, offlineReason: "network" });
    expect(timers.waiting).toEqual([1000]);
    await engine.persisted();
    expect((await store.load(7)).entries).toHaveLength(2);
    await timers.advance(1000);
    expect(timers.waiting).toEqual([2000]);
    await timers.advance(2000);
    expect(engine.state()).toMatchObject({ status: "saved", queued: 0 });
    expect(server.saves).toHaveLength(3);
  });

  it("retries at once when asked to save now (Ctrl+S, back online)", async () => {
    const { server, engine, timers } = setup();
    server.answers = [{ type: "offline", reason: "server" }];
    engine.enqueue(create("a"));
    await timers.advance(0);
    await engine.saveNow();
    expect(engine.state().status).toBe("saved");
    expect(server.saves).toHaveLength(2);
  });

  it("stops on a conflict, keeps sending nothing, and reports the server's revision", async () => {
    const { server, engine, timers } = setup();
    server.answers = [{ type: "conflict", revision: 5 }];
    engine.enqueue(create("a"));
    await timers.advance(0);
    engine.enqueue(create("b"));
    await timers.advance(10_000);
    expect(server.saves).toHaveLength(1);
    expect(engine.state()).toMatchObject({ status: "conflict", theirRevision: 5, queued: 2 });
  });

  it("re-bases onto the server's revision when I keep mine, and sends the re-based diff", async () => {
    const { server, engine, timers, store } = setup();
    server.answers = [{ type: "conflict", revision: 5 }];
    engine.enqueue(create("a"));
    await timers.advance(0);
    server.revision = 5;
    engine.rebase(5, create("a2"));
    await timers.advance(0);
    expect(server.saves.at(-1)).toEqual({ revision: 5, diff: create("a2") });
    expect(engine.state()).toMatchObject({ status: "saved", revision: 6 });
    await engine.persisted();
    expect(await store.load(7)).toEqual({ revision: 6, entries: [] });
  });

  it("forgets the queue when I reload theirs", async () => {
    const { server, engine, timers, store } = setup();
    server.answers = [{ type: "conflict", revision: 5 }];
    engine.enqueue(create("a"));
    await timers.advance(0);
    engine.discard(5);
    await engine.persisted();
    expect(engine.state()).toMatchObject({ status: "saved", revision: 5, queued: 0 });
    expect(await store.load(7)).toEqual({ revision: 5, entries: [] });
  });

  it("stops with the server's reasons when it refuses the changes", async () => {
    const { server, engine, timers } = setup();
    server.answers = [{ type: "rejected", status: 422, errors: [{ loc: ["body", "shapes", "create", 0, "points"], msg: "too few", type: "x" }] }];
    engine.enqueue(create("a"));
    await timers.advance(0);
    expect(engine.state().status).toBe("rejected");
    expect(engine.state().errors[0]?.msg).toBe("too few");
  });

  it("sends the refused changes again on retry, once the cause is removed", async () => {
    const { server, engine, timers } = setup();
    server.answers = [{ type: "rejected", status: 409, errors: [{ loc: ["path", "job_id"], msg: "read the guidelines", type: "guidelines_not_acknowledged" }] }];
    engine.enqueue(create("a"));
    await timers.advance(0);
    expect(engine.state().status).toBe("rejected");
    await engine.retry();
    expect(server.saves).toHaveLength(2);
    expect(server.saves[1]?.diff.shapes.create).toEqual(server.saves[0]?.diff.shapes.create);
    expect(engine.state()).toMatchObject({ status: "saved", queued: 0 });
  });

  it("sends diffs restored from an earlier page first, in their order", async () => {
    const { server, timers, engine } = setup([create("a"), diff((d) => d.shapes.update.push(rect("a", 0, 2, 2, 3, 3)))]);
    expect(engine.state().queued).toBe(1);
    await timers.advance(0);
    expect(server.saves[0]?.diff.shapes.create).toEqual([rect("a", 0, 2, 2, 3, 3)]);
  });

  it("drops changes that cancel out without calling the server", async () => {
    const { server, engine, timers } = setup();
    engine.enqueue(create("a"));
    engine.enqueue(diff((d) => d.shapes.delete.push("a")));
    await timers.advance(0);
    expect(server.saves).toEqual([]);
    expect(engine.state().status).toBe("saved");
  });

  it("records the answer of a save in flight when the page closes, so the queue does not replay it", async () => {
    const { server, engine, timers, store } = setup();
    server.hold = true;
    engine.enqueue(create("a"));
    await timers.advance(0);
    const closing = engine.close();
    server.letGo();
    await closing;
    await settle(20);
    await engine.persisted();
    expect(await store.load(7)).toEqual({ revision: 2, entries: [] });
  });
});
