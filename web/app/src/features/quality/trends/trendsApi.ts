/** The quality figures over time (issue 7 §6), typed from the server's OpenAPI; managers only. */
import type { AnnotaClient, components } from "@annota/api-client";
import { settle } from "../api";

type Schemas = components["schemas"];
export type AccuracyTrend = Schemas["AccuracyTrend"];
export type ThroughputTrend = Schemas["ThroughputTrend"];
export type ReworkReport = Schemas["ReworkReport"];
export type AgreementHistogram = Schemas["AgreementHistogram"];
export type Bucket = AccuracyTrend["bucket"];
export const BUCKETS: readonly Bucket[] = ["week", "day"];

/** The figures the server exports as CSV (`GET /api/projects/{id}/quality/trends.csv?figure=`). */
export const TREND_FIGURES = ["accuracy", "throughput", "rework", "conflicts", "agreement"] as const;
export type TrendFigure = (typeof TREND_FIGURES)[number];

const query = (projectId: number, bucket: Bucket) => ({ params: { path: { project_id: projectId }, query: { bucket } } });

export function accuracyTrend(api: AnnotaClient, projectId: number, bucket: Bucket): Promise<AccuracyTrend> {
  return settle(api.raw.GET("/api/projects/{project_id}/quality/trends/accuracy", query(projectId, bucket)));
}

export function throughputTrend(api: AnnotaClient, projectId: number, bucket: Bucket): Promise<ThroughputTrend> {
  return settle(api.raw.GET("/api/projects/{project_id}/quality/trends/throughput", query(projectId, bucket)));
}

export function reworkReport(api: AnnotaClient, projectId: number): Promise<ReworkReport> {
  return settle(api.raw.GET("/api/projects/{project_id}/quality/trends/rework", { params: { path: { project_id: projectId } } }));
}

export function agreementHistogram(api: AnnotaClient, projectId: number): Promise<AgreementHistogram> {
  return settle(api.raw.GET("/api/projects/{project_id}/quality/trends/agreement", { params: { path: { project_id: projectId } } }));
}

export function trendsCsvUrl(projectId: number, figure: TrendFigure, bucket: Bucket): string {
  return `/api/projects/${projectId}/quality/trends.csv?figure=${figure}&bucket=${bucket}`;
}
