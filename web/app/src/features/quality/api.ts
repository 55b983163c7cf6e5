/** The quality routes, typed from the server's OpenAPI; every call rejects with ApiError when it fails. */
import { ApiError, type AnnotaClient, type components } from "@annota/api-client";

type Schemas = components["schemas"];
export type QualityMetrics = Schemas["QualityMetrics"];
export type LabelQuality = Schemas["LabelQuality"];
export type TrackingMetrics = Schemas["TrackingMetrics"];
export type JobQualitySummary = Schemas["JobQualitySummary"];
export type ProjectQuality = Schemas["ProjectQualityPublic"];
export type QualityReport = Schemas["QualityReportPublic"];
export type FrameQuality = Schemas["FrameQuality"];
export type Conflict = Schemas["ConflictPublic"];

/** What an openapi-fetch call settles to. */
interface Settled<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** The answer's body, or the ApiError the answer is (a request that never got an answer is a network error). */
export async function settle<D>(pending: Promise<Settled<D>>): Promise<D> {
  let result: Settled<D>;
  try {
    result = await pending;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw ApiError.network(cause);
  }
  if (!result.response.ok) throw ApiError.fromResponse(result.response.status, result.error, result.response.statusText);
  return result.data as D;
}

/** The rules a report is computed with that the pages let people change. */
export interface ReportThresholds {
  iou_threshold: number;
  low_overlap_threshold: number;
}

export function projectQuality(api: AnnotaClient, projectId: number, thresholds: Partial<ReportThresholds>): Promise<ProjectQuality> {
  return settle(
    api.raw.GET("/api/projects/{project_id}/quality", {
      params: { path: { project_id: projectId }, query: { ...thresholds } },
    }),
  );
}

/** Job `jobId` against its ground truth, detailing only the frames with conflicts. */
export function jobReport(api: AnnotaClient, jobId: number, thresholds: Partial<ReportThresholds>): Promise<QualityReport> {
  return settle(api.raw.POST("/api/quality/reports", { body: { job_id: jobId, frames: "with_conflicts", ...thresholds } }));
}
