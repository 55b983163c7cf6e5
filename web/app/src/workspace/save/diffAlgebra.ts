/**
 * Composing saves. Diffs queued one after the other fold into the one diff that has the same effect on
 * the server (create then update → create; create then delete → nothing; update then delete → delete;
 * delete then create again → update), and a queue written against an old revision is re-based onto what
 * the server holds now ("keep mine" after a 409).
 */
import { emptyDiff, type Changes, type Collection, type SavedShape, type SavedTag, type SavedTrack, type ServerDiff } from "../document/wire";

interface Span<W> {
  /** Whether the server had the object before the first diff. */
  readonly existed: boolean;
  /** The object after the last diff; null when deleted. */
  after: W | null;
}

function foldCollection<W extends { id: string }>(list: readonly Changes<W>[]): Changes<W> {
  const spans = new Map<string, Span<W>>();
  const touch = (id: string, existed: boolean, after: W | null) => {
    const span = spans.get(id);
    if (span === undefined) spans.set(id, { existed, after });
    else span.after = after;
  };
  // The server applies a diff's deletes, then its updates, then its creates.
  for (const changes of list) {
    for (const id of changes.delete) touch(id, true, null);
    for (const w of changes.update) touch(w.id, true, w);
    for (const w of changes.create) touch(w.id, false, w);
  }
  const out: Changes<W> = { create: [], update: [], delete: [] };
  for (const [id, { existed, after }] of spans) {
    if (after === null) {
      if (existed) out.delete.push(id);
    } else if (existed) out.update.push(after);
    else out.create.push(after);
  }
  return out;
}

/** The one diff equivalent to sending `diffs` in order. */
export function foldDiffs(diffs: readonly ServerDiff[]): ServerDiff {
  if (diffs.length === 0) return emptyDiff();
  if (diffs.length === 1) return diffs[0] as ServerDiff;
  const tracks = diffs.flatMap((d) => (d.tracks === undefined ? [] : [d.tracks]));
  return {
    shapes: foldCollection<SavedShape>(diffs.map((d) => d.shapes)),
    tags: foldCollection<SavedTag>(diffs.map((d) => d.tags)),
    ...(tracks.length > 0 ? { tracks: foldCollection<SavedTrack>(tracks) } : {}),
  };
}

/** Whether the server's current document holds an object. */
export type Exists = (collection: Collection, id: string) => boolean;

function rebaseCollection<W extends { id: string }>(changes: Changes<W>, has: (id: string) => boolean): Changes<W> {
  const out: Changes<W> = { create: [], update: [], delete: [] };
  for (const id of changes.delete) if (has(id)) out.delete.push(id);
  // My version of an object wins, whether they changed it or deleted it.
  for (const w of [...changes.update, ...changes.create]) (has(w.id) ? out.update : out.create).push(w);
  return out;
}

/**
 * My changes, re-based onto the server's current document: what they deleted and I edited comes back,
 * what I created and they also have becomes an update, deletes of what is already gone are dropped.
 */
export function rebaseDiff(diff: ServerDiff, exists: Exists): ServerDiff {
  return {
    shapes: rebaseCollection(diff.shapes, (id) => exists("shapes", id)),
    tags: rebaseCollection(diff.tags, (id) => exists("tags", id)),
    ...(diff.tracks !== undefined ? { tracks: rebaseCollection(diff.tracks, (id) => exists("tracks", id)) } : {}),
  };
}
