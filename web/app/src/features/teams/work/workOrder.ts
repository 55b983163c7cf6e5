/** The order of "my work" and how a due date reads: pure, so it is tested without a page. */

export interface Schedulable {
  readonly job_id: number;
  readonly due: string | null;
  readonly overdue: boolean;
  readonly priority: number;
}

function dueTime(due: string | null): number {
  if (due === null) return Number.POSITIVE_INFINITY;
  const time = Date.parse(due);
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

/** Overdue first, then the nearest due date (no date last), then higher priority, then the older job. */
export function sortWork<T extends Schedulable>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      dueTime(a.due) - dueTime(b.due) ||
      b.priority - a.priority ||
      a.job_id - b.job_id,
  );
}

export type DueUrgency = "none" | "overdue" | "soon" | "later";

export interface DueWording {
  readonly urgency: DueUrgency;
  /** Signed amount for Intl.RelativeTimeFormat (negative: in the past); 0 when there is no date. */
  readonly value: number;
  readonly unit: "minute" | "hour" | "day";
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How far `due` is from `now`, in the largest unit that reads naturally: minutes under an hour,
 * hours under two days, days beyond. "soon" is within a day.
 */
export function dueWording(due: string | null, now: Date): DueWording {
  const time = due === null ? Number.NaN : Date.parse(due);
  if (Number.isNaN(time)) return { urgency: "none", value: 0, unit: "day" };
  const delta = time - now.getTime();
  const size = Math.abs(delta);
  const sign = delta < 0 ? -1 : 1;
  const urgency: DueUrgency = delta < 0 ? "overdue" : delta <= DAY ? "soon" : "later";
  if (size < HOUR) return { urgency, value: sign * Math.max(1, Math.round(size / MINUTE)), unit: "minute" };
  if (size < 2 * DAY) return { urgency, value: sign * Math.round(size / HOUR), unit: "hour" };
  return { urgency, value: sign * Math.round(size / DAY), unit: "day" };
}

/** The wording as the reader's locale says it ("in 3 days", "il y a 2 heures"). */
export function relativeTime(locale: string, wording: DueWording): string {
  return new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(wording.value, wording.unit);
}

/** The transition "my work" offers for an item: the assignee starts annotating, the reviewer starts reviewing. */
export function startAction(item: { role: string; stage: string; state: string }): "start" | "start_review" | null {
  if (item.role === "assignee" && item.stage === "annotation" && (item.state === "new" || item.state === "rejected")) {
    return "start";
  }
  if (item.role === "reviewer" && item.stage === "validation" && item.state === "new") return "start_review";
  return null;
}
