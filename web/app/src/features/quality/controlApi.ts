/** The quality-control routes (settings, ground truth, breakdowns, review queue, consensus), typed from the
 * server's OpenAPI; every call rejects with ApiError when it fails. */
import type { AnnotaClient, components } from "@annota/api-client";
import { settle } from "./api";

type Schemas = components["schemas"];
export type QualityRules = Schemas["ProjectQualitySettingsPublic"];
export type QualityRulesUpdate = Schemas["ProjectQualitySettingsUpdate"];
export type ReviewMetric = QualityRules["review_metric"];
export type AnnotatorQuality = Schemas["AnnotatorQuality"];
export type TaskQuality = Schemas["TaskQuality"];
export type ReviewQueue = Schemas["ReviewQueuePublic"];
export type GroundTruth = Schemas["GroundTruthPublic"];
export type GroundTruthCreate = Schemas["GroundTruthCreate"];
export type Consensus = Schemas["ConsensusPublic"];
export type ConsensusCreate = Schemas["ConsensusCreate"];
export type ProjectMember = Schemas["ProjectMemberPublic"];

/** What the server's CSV export can be cut by (`GET /api/projects/{id}/quality.csv?by=`). */
export const CSV_LEVELS = ["job", "task", "annotator", "label", "conflict"] as const;
export type CsvLevel = (typeof CSV_LEVELS)[number];

export const REVIEW_METRICS: readonly ReviewMetric[] = ["accuracy", "f1", "precision", "recall"];

const project = (projectId: number) => ({ params: { path: { project_id: projectId } } });
const task = (taskId: number) => ({ params: { path: { task_id: taskId } } });
const job = (jobId: number) => ({ params: { path: { job_id: jobId } } });

export function qualityRules(api: AnnotaClient, projectId: number): Promise<QualityRules> {
  return settle(api.raw.GET("/api/projects/{project_id}/quality/settings", project(projectId)));
}

export function updateQualityRules(api: AnnotaClient, projectId: number, body: QualityRulesUpdate): Promise<QualityRules> {
  return settle(api.raw.PATCH("/api/projects/{project_id}/quality/settings", { ...project(projectId), body }));
}

export function annotatorQuality(api: AnnotaClient, projectId: number): Promise<AnnotatorQuality[]> {
  return settle(api.raw.GET("/api/projects/{project_id}/quality/annotators", project(projectId)));
}

export function taskQuality(api: AnnotaClient, projectId: number): Promise<TaskQuality[]> {
  return settle(api.raw.GET("/api/projects/{project_id}/quality/tasks", project(projectId)));
}

export function reviewQueue(api: AnnotaClient, projectId: number): Promise<ReviewQueue> {
  return settle(api.raw.GET("/api/projects/{project_id}/quality/review", project(projectId)));
}

/** The address of the server's CSV export (a plain link: the browser downloads it with the session cookie). */
export function qualityCsvUrl(projectId: number, by: CsvLevel): string {
  return `/api/projects/${projectId}/quality.csv?by=${by}`;
}

export function groundTruths(api: AnnotaClient, taskId: number): Promise<GroundTruth[]> {
  return settle(api.raw.GET("/api/tasks/{task_id}/ground-truth", task(taskId)));
}

export function createGroundTruth(api: AnnotaClient, taskId: number, body: GroundTruthCreate): Promise<GroundTruth> {
  return settle(api.raw.POST("/api/tasks/{task_id}/ground-truth", { ...task(taskId), body }));
}

export function consensus(api: AnnotaClient, jobId: number): Promise<Consensus> {
  return settle(api.raw.GET("/api/jobs/{job_id}/consensus", job(jobId)));
}

export function replicate(api: AnnotaClient, jobId: number, body: ConsensusCreate): Promise<Consensus> {
  return settle(api.raw.POST("/api/jobs/{job_id}/consensus", { ...job(jobId), body }));
}

export function mergeConsensus(api: AnnotaClient, jobId: number): Promise<Consensus> {
  return settle(api.raw.POST("/api/jobs/{job_id}/consensus/merge", job(jobId)));
}

/** The project's own members with their names (managers only; empty when everyone works by organisation role). */
export function projectMembers(api: AnnotaClient, projectId: number): Promise<ProjectMember[]> {
  return settle(api.raw.GET("/api/projects/{project_id}/members", project(projectId)));
}
