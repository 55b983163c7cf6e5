/**
 * Taking a tracker run in without reloading the job. The run saved into the job on the server, so the
 * job's revision moved on; a reload of the whole job into the canvas would restart the undo history.
 * Instead the editor reads the server's document and, when the only objects that differ from what it
 * knows are the run's own (its track, the shape it started from) and my unsent ones, adopts it: my
 * queued changes are re-based onto the server's revision, the document becomes the server's, and the
 * canvas takes the run's track alone (`receiveTrack`), its history and my other edits untouched.
 * When someone else changed anything else meanwhile, the job is reloaded as before (`refresh`).
 */
import type { WireTrack } from "@annota/canvas-core";
import type { JobDocument } from "../../workspace/document/jobDocument";
import type { ServerDiff } from "../../workspace/document/wire";
import { rebaseDiff } from "../../workspace/save/diffAlgebra";
import type { WorkspaceController } from "../../workspace/session/controller";
import type { VideoRoutes } from "../api/videoRoutes";

/** The run as the canvas takes it in. */
export interface RunCopy {
  readonly trackId: string;
  /** The shape the run started from (the server replaced it with the track). */
  readonly replaces: readonly string[];
  /** Names the run: its copies make one undoable change set. */
  readonly run: string;
}

export type SyncOutcome = "kept" | "reloaded" | "failed";

export async function takeRun(c: WorkspaceController, routes: Pick<VideoRoutes, "jobDocument">, run: RunCopy): Promise<SyncOutcome> {
  await notSaving(c);
  c.flush();
  let theirs: JobDocument;
  try {
    theirs = await routes.jobDocument(c.jobId);
  } catch {
    c.say("resolveFailed");
    return "failed";
  }
  await notSaving(c);
  c.flush();
  const queued = c.engine.queuedDiff();
  const own = new Set([run.trackId, ...run.replaces, ...idsOf(queued)]);
  if (!sameApartFrom(c.doc, theirs, own)) return (await c.refresh([run.trackId])) ? "reloaded" : "failed";
  const rebased = rebaseDiff(queued, (collection, id) => theirs.has(collection, id));
  theirs.apply(rebased);
  c.engine.rebase(theirs.revision, rebased);
  c.doc = theirs;
  const track = theirs.track(run.trackId);
  if (track !== undefined) c.canvas?.receiveTrack(track as unknown as WireTrack, { replaces: run.replaces, run: run.run });
  return "kept";
}

/** Waits while a save is on its way (its answer moves the revision). */
async function notSaving(c: WorkspaceController): Promise<void> {
  if (c.engine.state().status !== "saving") return;
  await new Promise<void>((resolve) => {
    const off = c.engine.subscribe((s) => {
      if (s.status === "saving") return;
      off();
      resolve();
    });
  });
}

function idsOf(diff: ServerDiff): string[] {
  const out: string[] = [];
  for (const c of [diff.shapes, diff.tags, diff.tracks]) {
    if (c === undefined) continue;
    out.push(...c.create.map((w) => w.id), ...c.update.map((w) => w.id), ...c.delete);
  }
  return out;
}

/** Whether the two documents hold the same objects, those in `skip` aside (compared as the server stores them). */
export function sameApartFrom(mine: JobDocument, theirs: JobDocument, skip: ReadonlySet<string>): boolean {
  const a = mine.jobInput();
  const b = theirs.jobInput();
  for (const key of ["shapes", "tags", "tracks"] as const) {
    const left = byId(a[key] ?? [], skip);
    const right = byId(b[key] ?? [], skip);
    if (left.size !== right.size) return false;
    for (const [id, value] of left) if (right.get(id) !== value) return false;
  }
  return true;
}

function byId(list: readonly unknown[], skip: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of list) {
    const id = (item as { id?: unknown }).id;
    if (typeof id === "string" && !skip.has(id)) out.set(id, canonical(item));
  }
  return out;
}

/** JSON with sorted keys, leaving out what means "nothing" (null, false, {}, []) so that defaults compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(stripped(value)) ?? "null";
}

function stripped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripped);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = stripped((value as Record<string, unknown>)[key]);
    const empty = v === null || v === undefined || v === false || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && v !== null && Object.keys(v).length === 0);
    if (!empty) out[key] = v;
  }
  return out;
}
