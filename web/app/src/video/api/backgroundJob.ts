/** A background job as `GET /api/background-jobs/{id}` answers it: what the tracker's progress bar shows. */
import { Reader } from "./read";

export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface BackgroundJob {
  readonly id: number;
  readonly status: JobStatus;
  /** 0 … 1. */
  readonly progress: number;
  readonly message: string | null;
  readonly cancelRequested: boolean;
  /** The track the run writes into (a tracking job's plan). */
  readonly trackId: string | null;
  /** Why it failed, as the server says. */
  readonly errors: readonly string[];
}

export function isFinished(status: JobStatus): boolean {
  return status === "succeeded" || status === "failed" || status === "cancelled";
}

function messages(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((e) => (typeof e === "object" && e !== null && typeof (e as { msg?: unknown }).msg === "string" ? (e as { msg: string }).msg : JSON.stringify(e)));
}

export function readBackgroundJob(raw: unknown): BackgroundJob {
  const r = new Reader(raw, ["background_job"]);
  const params = r.object("params");
  const trackId = params?.track_id;
  return r.done({
    id: r.int("id", 1),
    status: r.oneOf("status", JOB_STATUSES),
    progress: r.fraction("progress"),
    message: r.stringOrNull("message"),
    cancelRequested: r.bool("cancel_requested"),
    trackId: typeof trackId === "string" ? trackId : null,
    errors: messages(typeof raw === "object" && raw !== null ? (raw as { errors?: unknown }).errors : null),
  });
}
