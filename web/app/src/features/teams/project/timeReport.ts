/** The time report's query, its CSV address and how active time reads: pure, tested without a page. */

export type TimeGroup = "person" | "job" | "day";
export const TIME_GROUPS: readonly TimeGroup[] = ["person", "job", "day"];

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
export function timeCsvPath(projectId: number, query: TimeQuery): string {
  const params = new URLSearchParams(timeParams(query));
  return `/api/projects/${projectId}/reports/time.csv?${params.toString()}`;
}

/** Whole seconds as hours and minutes (rounded to the minute). */
export function hoursMinutes(seconds: number): { hours: number; minutes: number } {
  const total = Math.round(Math.max(0, seconds) / 60);
  return { hours: Math.floor(total / 60), minutes: total % 60 };
}
