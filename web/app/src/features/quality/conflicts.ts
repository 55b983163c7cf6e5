/** A job report's conflicts, frame by frame, and where each one is in the workspace. */
import type { Conflict, FrameQuality } from "./api";

export interface FrameConflicts {
  frame: number;
  errors: number;
  warnings: number;
  conflicts: Conflict[];
}

/** The frames that have conflicts, in frame order; each frame's errors before its warnings. */
export function conflictsByFrame(frames: readonly FrameQuality[]): FrameConflicts[] {
  return frames
    .filter((f) => f.conflicts.length > 0)
    .map((f) => ({
      frame: f.frame,
      errors: f.errors,
      warnings: f.warnings,
      conflicts: [...f.conflicts].sort((a, b) => severityRank(a) - severityRank(b)),
    }))
    .sort((a, b) => a.frame - b.frame);
}

const severityRank = (c: Conflict) => (c.severity === "error" ? 0 : 1);

/** `/jobs/12?frame=3&object=abc`: the workspace at that frame with that object selected (no object: the frame). */
export function workspaceLink(jobId: number, frame: number, objectId: string | null): string {
  const query = new URLSearchParams({ frame: String(frame) });
  if (objectId !== null) query.set("object", objectId);
  return `/jobs/${jobId}?${query.toString()}`;
}

export interface ConflictLinks {
  /** The annotated job at the conflict's frame, its object selected when it has one (the server's `link`). */
  job: string;
  /** The reference job at that frame with the reference object selected, when there is one. */
  reference: string | null;
}

export function conflictLinks(conflict: Conflict): ConflictLinks {
  return {
    job: conflict.link,
    reference: conflict.reference_id === null ? null : workspaceLink(conflict.reference_job_id, conflict.frame, conflict.reference_id),
  };
}
