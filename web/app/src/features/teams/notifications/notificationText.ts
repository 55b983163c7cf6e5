/** What a notification says and where it leads: pure, so each kind is tested without a page. */

export interface NoticeLike {
  readonly kind: string;
  readonly project_id: number | null;
  readonly job_id: number | null;
  readonly issue_id: number | null;
  readonly payload: Record<string, unknown>;
}

/** Kinds the server sends (annota.storage.team_trackers, team_notifications), each with its own text. */
export const NOTIFICATION_KINDS = [
  "assigned_assignee",
  "assigned_reviewer",
  "submitted",
  "rejected",
  "accepted",
  "commented",
  "deadline_approaching",
] as const;
export type NotificationTextKey = (typeof NOTIFICATION_KINDS)[number] | "other";

/** The text key of a notification; an "assigned" one says which seat. A kind we do not know yet reads as "other". */
export function notificationTextKey(notice: NoticeLike): NotificationTextKey {
  if (notice.kind === "assigned") return notice.payload.role === "reviewer" ? "assigned_reviewer" : "assigned_assignee";
  return (NOTIFICATION_KINDS as readonly string[]).includes(notice.kind) ? (notice.kind as NotificationTextKey) : "other";
}

/** The page a notification opens: its job (at the issue's frame when it has one), else its project. */
export function notificationTarget(notice: NoticeLike): string | null {
  if (notice.job_id !== null) {
    const frame = notice.payload.frame;
    return typeof frame === "number" ? `/jobs/${notice.job_id}?frame=${frame}` : `/jobs/${notice.job_id}`;
  }
  return notice.project_id !== null ? `/projects/${notice.project_id}` : null;
}
