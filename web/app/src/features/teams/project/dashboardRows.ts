/** The dashboard's "jobs by stage, then state" as table rows, in workflow order. */

const STAGE_ORDER = ["annotation", "validation", "acceptance"];
const STATE_ORDER = ["new", "in_progress", "rejected", "completed"];

export interface ProgressRow {
  stage: string;
  state: string;
  count: number;
  /** Of all the project's jobs, 0..1. */
  share: number;
}

function rank(order: readonly string[], value: string): number {
  const index = order.indexOf(value);
  return index === -1 ? order.length : index;
}

/** One row per stage and state that holds jobs, annotation → acceptance, new → completed; unknown values last. */
export function progressRows(progress: Record<string, Record<string, number>>, total: number): ProgressRow[] {
  const rows: ProgressRow[] = [];
  for (const [stage, states] of Object.entries(progress)) {
    for (const [state, count] of Object.entries(states)) {
      if (count > 0) rows.push({ stage, state, count, share: total > 0 ? count / total : 0 });
    }
  }
  return rows.sort(
    (a, b) =>
      rank(STAGE_ORDER, a.stage) - rank(STAGE_ORDER, b.stage) ||
      rank(STATE_ORDER, a.state) - rank(STATE_ORDER, b.state) ||
      a.stage.localeCompare(b.stage) ||
      a.state.localeCompare(b.state),
  );
}
