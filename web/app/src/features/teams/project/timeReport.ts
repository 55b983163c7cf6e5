/** The time report's query, its CSV address and how active time reads: pure, tested without a page. */

/** Whose report: a project's (managers), or a person's own (all their projects). */
export type TimeScope = { kind: "project"; id: number } | { kind: "user"; id: number };

export type TimeGroup = "person" | "project" | "job" | "day";
export const TIME_GROUPS: Record<TimeScope["kind"], readonly TimeGroup[]> = {
  project: ["person", "job", "day"],
  user: ["project", "job", "day"],
};

export interface TimeQuery {
  group: TimeGroup;
  /** UTC days, `YYYY-MM-DD`, inclusive; "" for no bound. */
  since: string;
  until: string;
}

/** The query parameters the server takes: empty bounds left out. */
export function timeParams(query: TimeQuery): { group: TimeGroup; since?: string; until?: string } {
  return {
    group: query.group,
    ...(query.since !== "" ? { since: query.since } : {}),
    ...(query.until !== "" ? { until: query.until } : {}),
  };
}

/** The CSV download of the same report (a plain link: the browser sends the session cookie). */
export function timeCsvPath(scope: TimeScope, query: TimeQuery): string {
  const params = new URLSearchParams(timeParams(query));
  const owner = scope.kind === "project" ? `projects/${scope.id}` : `users/${scope.id}`;
  return `/api/${owner}/reports/time.csv?${params.toString()}`;
}

/** Whole seconds as hours and minutes (rounded to the minute). */
export function hoursMinutes(seconds: number): { hours: number; minutes: number } {
  const total = Math.round(Math.max(0, seconds) / 60);
  return { hours: Math.floor(total / 60), minutes: total % 60 };
}
