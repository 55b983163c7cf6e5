import type { ApiError, components } from "@annota/api-client";

export type BackgroundJob = components["schemas"]["BackgroundJobPublic"];
export type JobStatus = BackgroundJob["status"];

/**
 * One import or export, from the form to its end. `form`: nothing sent yet. `uploading`: the import's
 * file is on its way (bytes sent of total). `starting`: the export is asked for. `job`: the server
 * runs it in the background (polled until it ends). `refused`: the request itself failed (a bad
 * format, a file too large, no answer), so no job exists.
 */
export type TransferState =
  | { phase: "form" }
  | { phase: "uploading"; loaded: number; total: number }
  | { phase: "starting" }
  | { phase: "job"; job: BackgroundJob; cancelling: boolean }
  | { phase: "refused"; error: ApiError };

export type TransferEvent =
  | { type: "upload-started"; total: number }
  | { type: "upload-progress"; loaded: number; total: number }
  | { type: "export-requested" }
  /** The job as the server last described it: just started, polled, cancelled, or picked from the list. */
  | { type: "job"; job: BackgroundJob }
  | { type: "cancel-requested" }
  | { type: "request-failed"; error: ApiError }
  /** Back to the form (a new import or export); a job that still runs goes on on the server. */
  | { type: "reset" };

export const INITIAL: TransferState = { phase: "form" };

const ENDED: ReadonlySet<JobStatus> = new Set(["succeeded", "failed", "cancelled"]);

export function hasEnded(job: BackgroundJob): boolean {
  return ENDED.has(job.status);
}

/** True while something runs that the person may wait for or cancel. */
export function isBusy(state: TransferState): boolean {
  return (
    state.phase === "uploading" || state.phase === "starting" || (state.phase === "job" && !hasEnded(state.job))
  );
}

/** The job to poll: one that is queued or running. */
export function jobToPoll(state: TransferState): BackgroundJob | null {
  return state.phase === "job" && !hasEnded(state.job) ? state.job : null;
}

export function transfer(state: TransferState, event: TransferEvent): TransferState {
  switch (event.type) {
    case "upload-started":
      return { phase: "uploading", loaded: 0, total: event.total };
    case "upload-progress":
      // A late progress event of an upload that already ended changes nothing.
      return state.phase === "uploading" ? { phase: "uploading", loaded: event.loaded, total: event.total } : state;
    case "export-requested":
      return { phase: "starting" };
    case "job":
      return onJob(state, event.job);
    case "cancel-requested":
      return state.phase === "job" && !hasEnded(state.job) ? { ...state, cancelling: true } : state;
    case "request-failed":
      // Once a job exists, a failed poll or cancel leaves it shown as last known (the next poll retries),
      // unless the job is gone (deleted with its project, or no longer visible): then there is nothing to poll.
      if (state.phase === "job" && event.error.status !== 404) return state;
      return { phase: "refused", error: event.error };
    case "reset":
      return INITIAL;
  }
}

function onJob(state: TransferState, job: BackgroundJob): TransferState {
  if (state.phase === "job" && state.job.id === job.id) {
    // Answers may come back out of order: an ended job never runs again, progress never goes back.
    if (hasEnded(state.job)) return state;
    if (!hasEnded(job) && job.status === state.job.status && job.progress < state.job.progress) return state;
    return { phase: "job", job, cancelling: state.cancelling && !hasEnded(job) };
  }
  return { phase: "job", job, cancelling: false };
}

/** 0..100 for the progress bar: bytes sent while uploading, the job's own progress after. */
export function percentOf(state: TransferState): number | null {
  if (state.phase === "uploading") return state.total > 0 ? Math.round((100 * state.loaded) / state.total) : 0;
  if (state.phase === "job") return Math.round(100 * state.job.progress);
  return null;
}
