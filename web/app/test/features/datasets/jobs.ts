import type { BackgroundJob } from "../../../src/features/datasets/transfer";

/** A background job as the server describes it, with what the test changes. */
export function job(overrides: Partial<BackgroundJob> = {}): BackgroundJob {
  return {
    id: 9,
    kind: "import",
    status: "queued",
    progress: 0,
    message: "queued",
    created_by: 1,
    project_id: 2,
    params: {},
    result: null,
    errors: null,
    cancel_requested: false,
    attempt: 0,
    created_at: "2026-11-26T10:00:00Z",
    started_at: null,
    finished_at: null,
    download_url: null,
    ...overrides,
  };
}

export const IMPORTED = job({
  status: "succeeded",
  progress: 1,
  message: "imported 4 media and 3 annotations (coco)",
  result: {
    format: "coco",
    confidence: 0.9,
    project_id: 2,
    labels_created: ["car", "person"],
    tasks: [{ id: 31, name: "Street", subset: "", new_media: 4, matched_media: 0 }],
    counts: { polygon: 1, rectangle: 2 },
  },
});

export const REFUSED = job({
  status: "failed",
  progress: 0.05,
  message: "the dataset was refused: 2 problem(s)",
  errors: [
    { loc: ["instances.json", "annotations", 7, "bbox"], msg: "expected 4 numbers, got 3", type: "format.bbox" },
    { loc: ["labels/a.txt", 3], msg: "class 9 is not in obj.names", type: "format.class" },
  ],
});

export const EXPORTED = job({
  id: 12,
  kind: "export",
  status: "succeeded",
  progress: 1,
  message: "exported 6 items and 5 annotations (coco)",
  download_url: "/api/background-jobs/12/download",
  result: {
    file_name: "Street-coco.zip",
    size_bytes: 1_500_000,
    format: "coco",
    items: 6,
    counts: { rectangle: 5 },
    dropped: { polyline: 2 },
  },
});
