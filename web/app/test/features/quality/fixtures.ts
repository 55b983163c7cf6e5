/** Quality answers as the server sends them (docs/quality.md's one-frame example, and a job report). */
import type { Conflict, JobQualitySummary, ProjectQuality, QualityMetrics, QualityReport } from "../../../src/features/quality/api";
import type { AnnotatorQuality, QualityRules, ReviewQueue } from "../../../src/features/quality/controlApi";

export function metrics(overrides: Partial<QualityMetrics> = {}): QualityMetrics {
  return {
    reference: 3,
    annotated: 3,
    matched: 1,
    wrong_label: 1,
    missing: 1,
    extra: 1,
    precision: 1 / 3,
    recall: 1 / 3,
    f1: 1 / 3,
    accuracy: 0.25,
    label_accuracy: 0.5,
    attribute_accuracy: null,
    mean_iou: 0.818,
    mean_oks: null,
    mean_line_similarity: null,
    conflicts: { missing_object: 1, extra_object: 1, wrong_label: 1 },
    errors: 3,
    warnings: 0,
    ...overrides,
  };
}

export const SETTINGS = {
  iou_threshold: 0.5,
  low_overlap_threshold: 0.8,
  method: "hungarian",
  label_matching: "per_label_then_any",
  compare_attributes: true,
  ignored_attributes: [],
  compare_groups: true,
  oks_sigma: 0.09,
  skeleton_sigmas: {},
  min_point_area: 1024,
  line_tolerance: 10,
} as ProjectQuality["settings"];

function jobSummary(jobId: number, overrides: Partial<QualityMetrics>): JobQualitySummary {
  return { job_id: jobId, reference_job_id: 9, task_id: 4, assignee_id: null, frame_start: 0, frame_stop: 2, frames_compared: 3, flagged: false, summary: metrics(overrides), tracking: null };
}

export function projectQuality(): ProjectQuality {
  return {
    project_id: 2,
    settings: SETTINGS,
    summary: metrics(),
    labels: [
      { ...metrics({ reference: 3, annotated: 2, f1: 0.4 }), label_id: 5, name: "car" },
      { ...metrics({ reference: 0, annotated: 1, precision: 0, recall: null, f1: null }), label_id: 6, name: "person" },
    ],
    tracking: null,
    jobs: [jobSummary(7, { f1: 0.9 }), jobSummary(8, { f1: 0.25 })],
    jobs_without_reference: [11],
  };
}

export function conflict(frame: number, type: string, ids: [string | null, string | null], severity: "error" | "warning" = "error"): Conflict {
  const link = `/jobs/7?frame=${frame}${ids[0] === null ? "" : `&object=${ids[0]}`}`;
  return { job_id: 7, reference_job_id: 9, link, type, severity, frame, annotation_id: ids[0], reference_id: ids[1], label_id: 5, annotated_label_id: type === "wrong_label" ? 6 : null, similarity: null, attributes: [] };
}

export function jobReport(): QualityReport {
  return {
    job_id: 7,
    reference_job_id: 9,
    task_id: 4,
    frame_start: 0,
    frame_stop: 2,
    frames_compared: 3,
    settings: SETTINGS,
    summary: metrics(),
    labels: projectQuality().labels,
    tracking: null,
    frames: [
      { frame: 2, reference: 1, annotated: 1, matched: 0, errors: 1, warnings: 0, matches: [], conflicts: [conflict(2, "wrong_label", ["a2", "r2"])] },
      {
        frame: 1,
        reference: 1,
        annotated: 1,
        matched: 0,
        errors: 2,
        warnings: 0,
        matches: [],
        conflicts: [conflict(1, "missing_object", [null, "r3"]), conflict(1, "extra_object", ["a3", null])],
      },
    ],
  };
}

export function rules(overrides: Partial<QualityRules> = {}): QualityRules {
  const comparison = SETTINGS;
  return {
    project_id: 2,
    comparison: {
      iou_threshold: comparison.iou_threshold,
      low_overlap_threshold: comparison.low_overlap_threshold,
      method: "hungarian",
      label_matching: "per_label_then_any",
      compare_attributes: true,
      compare_groups: true,
      oks_sigma: 0.09,
      min_point_area: 1024,
      line_tolerance: 10,
    },
    review_threshold: 0.6,
    review_metric: "f1",
    agreement_threshold: 0.5,
    consensus_quorum: 0.5,
    is_exam: false,
    exam_pass_score: 0.8,
    exam_max_attempts: 3,
    required_exam_id: null,
    ...overrides,
  };
}

export function annotators(): AnnotatorQuality[] {
  return [
    { user_id: 3, name: null, jobs: [7], frames_compared: 3, score: 0.9, flagged: false, summary: metrics({ f1: 0.9 }) },
    { user_id: 4, name: null, jobs: [8], frames_compared: 3, score: 0.25, flagged: true, summary: metrics({ f1: 0.25 }) },
  ];
}

export function reviewQueue(): ReviewQueue {
  return {
    project_id: 2,
    review_metric: "f1",
    review_threshold: 0.6,
    agreement_threshold: 0.5,
    jobs: [{ job_id: 8, task_id: 4, assignee_id: 4, score: 0.25, link: "/jobs/8" }],
    frames: [{ job_id: 12, frame: 5, agreement: 0.3, objects: 4, link: "/jobs/12?frame=5" }],
  };
}
