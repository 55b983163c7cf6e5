/** Reading a job's issues: counts, their order (frame, then when opened), the next open one, a pin's place. */
import type { Issue } from "./reviewApi";

export interface IssueCounts {
  readonly open: number;
  readonly resolved: number;
}

export function countIssues(issues: readonly Issue[]): IssueCounts {
  const open = issues.filter((i) => i.status === "open").length;
  return { open, resolved: issues.length - open };
}

/** Frame order, then the order they were opened in (ids grow). */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort((a, b) => a.frame - b.frame || a.id - b.id);
}

/**
 * The open issue after `current` (or before it, `step` -1), wrapping around; with no current issue,
 * the first open one from `frame` on. Null when none is open.
 */
export function nextOpenIssue(issues: readonly Issue[], current: number | null, frame: number, step: 1 | -1 = 1): Issue | null {
  const open = sortIssues(issues).filter((i) => i.status === "open");
  if (open.length === 0) return null;
  const at = current === null ? -1 : open.findIndex((i) => i.id === current);
  if (at >= 0) return open[(at + step + open.length) % open.length] ?? null;
  const ordered = step === 1 ? open : [...open].reverse();
  return ordered.find((i) => (step === 1 ? i.frame >= frame : i.frame <= frame)) ?? ordered[0] ?? null;
}

/** The point a pin marks and the view centres on: a point region itself, a box's centre. */
export function issueCentre(issue: Pick<Issue, "region">): { x: number; y: number } {
  const { x, y, w, h } = issue.region;
  return { x: x + (w ?? 0) / 2, y: y + (h ?? 0) / 2 };
}

/** Whether the region is a box (else a point). */
export function isBox(region: { readonly w?: number | null; readonly h?: number | null }): boolean {
  return region.w !== null && region.h !== null && region.w !== undefined && region.h !== undefined;
}
