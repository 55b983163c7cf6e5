/**
 * Saving a job: diffs are queued (persisted first), then sent in order as one folded PATCH guarded by
 * the job revision. Nothing is ever dropped silently: an unreachable server leaves them queued and
 * retried, a 409 stops sending until the user chooses (reload theirs, or keep mine re-based), and a
 * refused diff stops sending with the server's reasons.
 *
 * | status   | meaning                                                   |
 * |----------|-----------------------------------------------------------|
 * | saved    | the server has everything                                  |
 * | pending  | changes queued, about to be sent                           |
 * | saving   | a save is in flight                                        |
 * | offline  | the server did not answer; retried with back-off and on `online` |
 * | conflict | someone else saved first (409); waiting for the user's choice |
 * | rejected | the server refused the changes (422, 403…); waiting for the user |
 */
import type { ApiErrorItem } from "@annota/api-client";
import { changeCount, emptyDiff, isEmptyDiff, type ServerDiff } from "../document/wire";
import { foldDiffs } from "./diffAlgebra";
import type { QueueStore, QueuedDiff } from "./queueStore";

export type SaveOutcome =
  | { readonly type: "saved"; readonly revision: number }
  | { readonly type: "conflict"; readonly revision: number | null }
  | { readonly type: "offline"; readonly reason: "network" | "server" | "unauthorized" }
  | { readonly type: "rejected"; readonly status: number; readonly errors: readonly ApiErrorItem[] };

export interface SaveTransport {
  save(jobId: number, revision: number, diff: ServerDiff): Promise<SaveOutcome>;
}

export type SaveStatus = "saved" | "pending" | "saving" | "offline" | "conflict" | "rejected";

export interface SaveState {
  readonly status: SaveStatus;
  /** Objects changed here and not yet acknowledged by the server. */
  readonly queued: number;
  /** The job revision the next save is based on. */
  readonly revision: number;
  /** The server's revision when a save was refused with 409. */
  readonly theirRevision: number | null;
  readonly offlineReason: "network" | "server" | "unauthorized" | null;
  readonly errors: readonly ApiErrorItem[];
  /** Whether the queue survives a reload (IndexedDB). */
  readonly durable: boolean;
  readonly lastSavedAt: number | null;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const BROWSER_TIMERS: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** Waits between retries while the server does not answer, in ms. */
export const RETRY_DELAYS = [1000, 2000, 4000, 8000, 10000] as const;

interface Entry {
  key: number | null;
  readonly diff: ServerDiff;
}

export interface SaveEngineOptions {
  readonly jobId: number;
  readonly revision: number;
  readonly transport: SaveTransport;
  readonly store: QueueStore;
  /** Diffs left queued by an earlier page (a reload, a crash), sent first. */
  readonly restored?: readonly QueuedDiff[];
  readonly timers?: Timers;
}

export class SaveEngine {
  private readonly jobId: number;
  private readonly transport: SaveTransport;
  private readonly store: QueueStore;
  private readonly timers: Timers;
  private entries: Entry[];
  private revision: number;
  private inFlight = false;
  private blocked: { type: "conflict"; theirs: number | null } | { type: "rejected"; errors: readonly ApiErrorItem[] } | null = null;
  private offline: SaveState["offlineReason"] = null;
  private attempts = 0;
  private retryTimer: unknown = null;
  private lastSavedAt: number | null = null;
  private chain: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(s: SaveState) => void>();
  private current: SaveState;
  private destroyed = false;
  /** Whether this page queued anything (a page closed at once must not send what an earlier one left). */
  private touched = false;

  constructor(options: SaveEngineOptions) {
    this.jobId = options.jobId;
    this.transport = options.transport;
    this.store = options.store;
    this.timers = options.timers ?? BROWSER_TIMERS;
    this.revision = options.revision;
    this.entries = (options.restored ?? []).map((e) => ({ key: e.key, diff: e.diff }));
    if (this.entries.length === 0) this.persist(() => this.store.setRevision(this.jobId, this.revision));
    this.current = this.compute();
    if (this.entries.length > 0) this.schedule(0);
  }

  state(): SaveState {
    return this.current;
  }

  subscribe(listener: (s: SaveState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private compute(): SaveState {
    const queued = this.entries.length === 0 ? 0 : changeCount(foldDiffs(this.entries.map((e) => e.diff)));
    let status: SaveStatus;
    if (this.blocked?.type === "conflict") status = "conflict";
    else if (this.blocked?.type === "rejected") status = "rejected";
    else if (this.inFlight) status = "saving";
    else if (this.entries.length === 0) status = "saved";
    else if (this.offline !== null) status = "offline";
    else status = "pending";
    return {
      status,
      queued,
      revision: this.revision,
      theirRevision: this.blocked?.type === "conflict" ? this.blocked.theirs : null,
      offlineReason: status === "offline" ? this.offline : null,
      errors: this.blocked?.type === "rejected" ? this.blocked.errors : [],
      durable: this.store.durable,
      lastSavedAt: this.lastSavedAt,
    };
  }

  private changed(): void {
    this.current = this.compute();
    for (const l of this.listeners) l(this.current);
  }

  /** Runs store writes one after the other, in the order they were asked for. */
  private persist(write: () => Promise<unknown>): void {
    this.chain = this.chain.then(write).then(
      () => undefined,
      () => undefined, // a failed write leaves the diff in memory, where it is still sent
    );
  }

  /** Resolves once every store write asked for so far is done. */
  persisted(): Promise<void> {
    return this.chain;
  }

  /** The folded diff of everything not yet acknowledged. */
  queuedDiff(): ServerDiff {
    return this.entries.length === 0 ? emptyDiff() : foldDiffs(this.entries.map((e) => e.diff));
  }

  get idle(): boolean {
    return this.entries.length === 0 && !this.inFlight;
  }

  /** Queues a diff taken from the canvas; it is persisted first, then sent. */
  enqueue(diff: ServerDiff): void {
    if (this.destroyed || isEmptyDiff(diff)) return;
    const entry: Entry = { key: null, diff };
    this.touched = true;
    this.entries.push(entry);
    this.persist(async () => {
      entry.key = await this.store.append(this.jobId, diff);
    });
    this.changed();
    if (this.offline === null) this.schedule(0);
  }

  /** Sends now, retrying at once when the server was unreachable (Ctrl+S, the browser back online). */
  saveNow(): Promise<void> {
    this.attempts = 0;
    this.offline = null;
    this.cancelRetry();
    return this.pump();
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private schedule(ms: number): void {
    this.cancelRetry();
    if (this.destroyed) return;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      void this.pump();
    }, ms);
  }

  private async pump(): Promise<void> {
    while (!this.destroyed && !this.inFlight && this.blocked === null && this.entries.length > 0) {
      const batch = this.entries.slice();
      const diff = foldDiffs(batch.map((e) => e.diff));
      if (isEmptyDiff(diff)) {
        this.acknowledge(batch, this.revision);
        continue;
      }
      this.inFlight = true;
      this.changed();
      let outcome: SaveOutcome;
      try {
        outcome = await this.transport.save(this.jobId, this.revision, diff);
      } catch {
        outcome = { type: "offline", reason: "network" };
      }
      this.inFlight = false;
      // Even after destroy(), an answer is recorded: a save the server took must leave the queue.
      if (outcome.type === "saved") {
        this.offline = null;
        this.attempts = 0;
        this.lastSavedAt = this.timers.now();
        this.acknowledge(batch, outcome.revision);
      } else if (outcome.type === "offline") {
        this.offline = outcome.reason;
        const delay = RETRY_DELAYS[Math.min(this.attempts, RETRY_DELAYS.length - 1)] as number;
        this.attempts += 1;
        this.changed();
        this.schedule(delay);
        return;
      } else {
        this.blocked = outcome.type === "conflict" ? { type: "conflict", theirs: outcome.revision } : { type: "rejected", errors: outcome.errors };
        this.offline = null;
        this.changed();
        return;
      }
    }
    this.changed();
  }

  private acknowledge(batch: readonly Entry[], revision: number): void {
    const sent = new Set(batch);
    this.entries = this.entries.filter((e) => !sent.has(e));
    this.revision = revision;
    this.persist(async () => {
      await this.store.remove(batch.map((e) => e.key).filter((k): k is number => k !== null));
      await this.store.setRevision(this.jobId, revision);
    });
    this.changed();
  }

  /** "Reload theirs": forgets every unsent change; the next saves are based on `revision`. */
  discard(revision: number): void {
    this.cancelRetry();
    const dropped = this.entries;
    this.entries = [];
    this.blocked = null;
    this.offline = null;
    this.revision = revision;
    this.persist(async () => {
      await this.store.clear(this.jobId);
      await this.store.remove(dropped.map((e) => e.key).filter((k): k is number => k !== null));
      await this.store.setRevision(this.jobId, revision);
    });
    this.changed();
  }

  /** "Keep mine": replaces the queue with `diff` (already re-based onto `revision`) and sends it. */
  rebase(revision: number, diff: ServerDiff): void {
    this.cancelRetry();
    const old = this.entries;
    this.blocked = null;
    this.offline = null;
    this.revision = revision;
    const entry: Entry = { key: null, diff };
    this.entries = isEmptyDiff(diff) ? [] : [entry];
    this.persist(async () => {
      await this.store.clear(this.jobId);
      await this.store.remove(old.map((e) => e.key).filter((k): k is number => k !== null));
      await this.store.setRevision(this.jobId, revision);
      if (this.entries.includes(entry)) entry.key = await this.store.append(this.jobId, diff);
    });
    this.changed();
    this.schedule(0);
  }

  /** The cause of a refusal was removed (the guidelines acknowledged): sends the same changes again. */
  retry(): Promise<void> {
    if (this.blocked?.type === "rejected") this.blocked = null;
    return this.saveNow();
  }

  /** Stops sending and retrying; a save in flight still records its answer. */
  destroy(): void {
    this.destroyed = true;
    this.cancelRetry();
    this.listeners.clear();
  }

  /** Sends what is queued once more, then stops (leaving the page): what is left stays in the store. */
  async close(): Promise<void> {
    if (this.touched && !this.destroyed && this.blocked === null && this.offline === null) await this.pump();
    this.destroy();
    await this.persisted();
  }
}
