/** A job's seats, deadline and priority as the assignment table edits them, and the PATCH they make. */

export interface JobSeats {
  readonly assignee_id: number | null;
  readonly reviewer_id: number | null;
  readonly deadline: string | null;
  readonly priority: number;
}

export interface JobDraft {
  assignee_id: number | null;
  reviewer_id: number | null;
  /** As `<input type="datetime-local">` holds it (local time, minutes), "" for none. */
  deadline: string;
  priority: number;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An ISO date-time as a datetime-local value in the reader's time zone; "" for none or an unreadable one. */
export function toLocalInput(iso: string | null): string {
  if (iso === null) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value (local time) as an ISO instant; null for "". */
export function fromLocalInput(value: string): string | null {
  if (value.trim() === "") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function draftOf(job: JobSeats): JobDraft {
  return { assignee_id: job.assignee_id, reviewer_id: job.reviewer_id, deadline: toLocalInput(job.deadline), priority: job.priority };
}

/** Only what the draft changes, so a save never overwrites what someone else changed meanwhile. */
export function jobChanges(job: JobSeats, draft: JobDraft): Partial<JobSeats> {
  const changes: { -readonly [K in keyof JobSeats]?: JobSeats[K] } = {};
  if (draft.assignee_id !== job.assignee_id) changes.assignee_id = draft.assignee_id;
  if (draft.reviewer_id !== job.reviewer_id) changes.reviewer_id = draft.reviewer_id;
  if (draft.deadline !== toLocalInput(job.deadline)) changes.deadline = fromLocalInput(draft.deadline);
  if (draft.priority !== job.priority) changes.priority = draft.priority;
  return changes;
}
