/** The quality settings form as data: the stored rules as editable text, and the text read back into the
 * update the server takes, every problem located at its field. */
import type { QualityRules, QualityRulesUpdate, ReviewMetric } from "../controlApi";

type Comparison = QualityRules["comparison"];
export type MatchMethod = NonNullable<Comparison["method"]>;
export type LabelMatching = NonNullable<Comparison["label_matching"]>;
export const MATCH_METHODS: readonly MatchMethod[] = ["hungarian", "greedy"];
export const LABEL_MATCHINGS: readonly LabelMatching[] = ["per_label_then_any", "per_label", "any_label"];

export interface RulesDraft {
  /** "" means no review threshold: nothing is flagged. */
  review_threshold: string;
  review_metric: ReviewMetric;
  iou_threshold: string;
  low_overlap_threshold: string;
  method: MatchMethod;
  label_matching: LabelMatching;
  agreement_threshold: string;
  consensus_quorum: string;
  is_exam: boolean;
  exam_pass_score: string;
  exam_max_attempts: string;
  /** "" means no exam is required; else a project id. */
  required_exam_id: string;
}

export type DraftField = keyof RulesDraft;

/** Why a field was refused: the message key under `settings.problems`, with its bounds. */
export interface DraftProblem {
  field: DraftField;
  problem: "fraction" | "positiveFraction" | "attempts" | "order";
}

export function draftOf(rules: QualityRules): RulesDraft {
  const c = rules.comparison;
  return {
    review_threshold: rules.review_threshold === null ? "" : String(rules.review_threshold),
    review_metric: rules.review_metric,
    iou_threshold: String(c.iou_threshold ?? 0.5),
    low_overlap_threshold: String(c.low_overlap_threshold ?? 0.8),
    method: c.method ?? "hungarian",
    label_matching: c.label_matching ?? "per_label_then_any",
    agreement_threshold: String(rules.agreement_threshold),
    consensus_quorum: String(rules.consensus_quorum),
    is_exam: rules.is_exam,
    exam_pass_score: String(rules.exam_pass_score),
    exam_max_attempts: String(rules.exam_max_attempts),
    required_exam_id: rules.required_exam_id === null ? "" : String(rules.required_exam_id),
  };
}

export type DraftResult = { ok: true; body: QualityRulesUpdate } | { ok: false; problems: DraftProblem[] };

/** The update for `draft` (the other stored comparison rules kept as they are), or every field's problem. */
export function readDraft(draft: RulesDraft, stored: QualityRules): DraftResult {
  const problems: DraftProblem[] = [];
  const number = (field: DraftField, problem: DraftProblem["problem"], ok: (v: number) => boolean): number => {
    const text = String(draft[field]).trim();
    const value = text === "" ? NaN : Number(text);
    if (!Number.isFinite(value) || !ok(value)) problems.push({ field, problem });
    return value;
  };
  const fraction = (v: number) => v >= 0 && v <= 1;
  const positiveFraction = (v: number) => v > 0 && v <= 1;
  const review = draft.review_threshold.trim() === "" ? null : number("review_threshold", "fraction", fraction);
  const iou = number("iou_threshold", "positiveFraction", positiveFraction);
  const low = number("low_overlap_threshold", "positiveFraction", positiveFraction);
  if (problems.every((p) => p.field !== "iou_threshold" && p.field !== "low_overlap_threshold") && low < iou) {
    problems.push({ field: "low_overlap_threshold", problem: "order" });
  }
  const agreement = number("agreement_threshold", "positiveFraction", positiveFraction);
  const quorum = number("consensus_quorum", "positiveFraction", positiveFraction);
  const passScore = number("exam_pass_score", "fraction", fraction);
  const attempts = number("exam_max_attempts", "attempts", (v) => Number.isInteger(v) && v >= 1 && v <= 100);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    body: {
      comparison: { ...stored.comparison, iou_threshold: iou, low_overlap_threshold: low, method: draft.method, label_matching: draft.label_matching },
      review_threshold: review,
      review_metric: draft.review_metric,
      agreement_threshold: agreement,
      consensus_quorum: quorum,
      is_exam: draft.is_exam,
      exam_pass_score: passScore,
      exam_max_attempts: attempts,
      required_exam_id: draft.required_exam_id === "" ? null : Number(draft.required_exam_id),
    },
  };
}
