/**
 * Where unsent saves wait: IndexedDB in the browser, so that a reload, a crash or a server restart
 * loses nothing; memory when IndexedDB cannot be opened (private windows of some browsers), which the
 * save state then says.
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { ServerDiff } from "../document/wire";

export interface QueuedDiff {
  /** Increases with each append: the order in which the diffs must reach the server. */
  readonly key: number;
  readonly diff: ServerDiff;
  /** When it was queued (ms since the epoch). */
  readonly at: number;
}

export interface QueueSnapshot {
  /** The job revision the first queued diff was made against; null when nothing was ever acknowledged here. */
  readonly revision: number | null;
  readonly entries: readonly QueuedDiff[];
}

export interface QueueStore {
  /** Whether queued diffs survive a reload. */
  readonly durable: boolean;
  load(jobId: number): Promise<QueueSnapshot>;
  append(jobId: number, diff: ServerDiff): Promise<number>;
  remove(keys: readonly number[]): Promise<void>;
  /** Records the revision the server acknowledged last, the base of whatever is queued after it. */
  setRevision(jobId: number, revision: number): Promise<void>;
  /** Drops everything queued for a job ("reload theirs"). */
  clear(jobId: number): Promise<void>;
}

interface QueueSchema extends DBSchema {
  diffs: { key: number; value: { job: number; diff: ServerDiff; at: number }; indexes: { job: number } };
  revisions: { key: number; value: { job: number; revision: number } };
}

export const QUEUE_DB_NAME = "annota-save-queue";

export class IndexedDbQueueStore implements QueueStore {
  readonly durable = true;

  private constructor(private readonly db: IDBPDatabase<QueueSchema>) {}

  static async open(name = QUEUE_DB_NAME): Promise<IndexedDbQueueStore> {
    const db = await openDB<QueueSchema>(name, 1, {
      upgrade(database) {
        const diffs = database.createObjectStore("diffs", { autoIncrement: true });
        diffs.createIndex("job", "job");
        database.createObjectStore("revisions", { keyPath: "job" });
      },
    });
    return new IndexedDbQueueStore(db);
  }

  async load(jobId: number): Promise<QueueSnapshot> {
    const tx = this.db.transaction(["diffs", "revisions"]);
    const entries: QueuedDiff[] = [];
    let cursor = await tx.objectStore("diffs").index("job").openCursor(jobId);
    while (cursor) {
      entries.push({ key: cursor.primaryKey, diff: cursor.value.diff, at: cursor.value.at });
      cursor = await cursor.continue();
    }
    const revision = (await tx.objectStore("revisions").get(jobId))?.revision ?? null;
    await tx.done;
    entries.sort((a, b) => a.key - b.key);
    return { revision, entries };
  }

  async append(jobId: number, diff: ServerDiff): Promise<number> {
    return this.db.add("diffs", { job: jobId, diff, at: Date.now() });
  }

  async remove(keys: readonly number[]): Promise<void> {
    if (keys.length === 0) return;
    const tx = this.db.transaction("diffs", "readwrite");
    await Promise.all([...keys.map((k) => tx.store.delete(k)), tx.done]);
  }

  async setRevision(jobId: number, revision: number): Promise<void> {
    await this.db.put("revisions", { job: jobId, revision });
  }

  async clear(jobId: number): Promise<void> {
    const keys = (await this.load(jobId)).entries.map((e) => e.key);
    await this.remove(keys);
  }

  close(): void {
    this.db.close();
  }
}

/** Keeps the queue for the life of the page only. */
export class MemoryQueueStore implements QueueStore {
  readonly durable = false;
  private next = 1;
  private readonly diffs = new Map<number, { job: number; diff: ServerDiff; at: number }>();
  private readonly revisions = new Map<number, number>();

  async load(jobId: number): Promise<QueueSnapshot> {
    const entries = [...this.diffs].filter(([, v]) => v.job === jobId).map(([key, v]) => ({ key, diff: v.diff, at: v.at }));
    return { revision: this.revisions.get(jobId) ?? null, entries };
  }

  async append(jobId: number, diff: ServerDiff): Promise<number> {
    const key = this.next++;
    this.diffs.set(key, { job: jobId, diff, at: Date.now() });
    return key;
  }

  async remove(keys: readonly number[]): Promise<void> {
    for (const k of keys) this.diffs.delete(k);
  }

  async setRevision(jobId: number, revision: number): Promise<void> {
    this.revisions.set(jobId, revision);
  }

  async clear(jobId: number): Promise<void> {
    for (const [k, v] of this.diffs) if (v.job === jobId) this.diffs.delete(k);
  }
}

/** IndexedDB when it opens, memory otherwise. */
export async function openQueueStore(): Promise<QueueStore> {
  try {
    return await IndexedDbQueueStore.open();
  } catch {
    return new MemoryQueueStore();
  }
}
