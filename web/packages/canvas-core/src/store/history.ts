/**
 * Joining the server's copies into the undo history: a tracker run sends its track many times while
 * it goes on, and the user undoes it in one step. A copy joins the change set of its run only
 * while no later change set touched the same objects, so that undoing in order stays consistent.
 */
import type { ChangeSet, DocumentChanges, ObjectChange, TrackChange } from "./changes";

/** Joins `changes` into the change set of `run` on `stack` (in place); false when there is none it may join. */
export function joinRun(stack: ChangeSet[], run: string, changes: DocumentChanges): boolean {
  let at = -1;
  for (let i = stack.length - 1; i >= 0; i--) {
    if (stack[i]?.run === run) {
      at = i;
      break;
    }
  }
  if (at < 0) return false;
  const ids = new Set([...changes.objects.map((c) => c.id), ...changes.tracks.map((c) => c.id)]);
  for (const later of stack.slice(at + 1)) {
    if ([...later.changes, ...later.tracks].some((c) => ids.has(c.id))) return false;
  }
  const set = stack[at] as ChangeSet;
  stack[at] = { ...set, changes: joined(set.changes, changes.objects), tracks: joined(set.tracks, changes.tracks) };
  return true;
}

/** Per id: the first `before`, the last `after`. */
function joined<C extends ObjectChange | TrackChange>(earlier: readonly C[], later: readonly C[]): C[] {
  const out = [...earlier];
  for (const c of later) {
    const i = out.findIndex((e) => e.id === c.id);
    if (i < 0) out.push(c);
    else out[i] = { id: c.id, before: (out[i] as C).before, after: c.after } as C;
  }
  return out;
}
