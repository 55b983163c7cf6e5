/**
 * The review routes the workspace uses — issues and their threads, job transitions, activity
 * heartbeats, guidelines — as one interface over the typed client, so that panels and tests depend
 * on `ReviewRoutes`, not on HTTP. Every failure is an ApiError (status 0: no answer).
 */
import { ApiError, type AnnotaClient, type components } from "@annota/api-client";

type Schemas = components["schemas"];
export type Issue = Schemas["IssuePublic"];
export type IssueComment = Schemas["CommentPublic"];
export type Region = Schemas["RegionIn"];
export type Transition = Schemas["TransitionPublic"];
export type TransitionResult = Schemas["TransitionResult"];
export type TransitionAction = Schemas["TransitionRequest"]["action"];
export type Heartbeat = Schemas["ActivityIn"];
export type Guidelines = Schemas["GuidelinesPublic"];

export interface NewIssue {
  readonly frame: number;
  readonly region: Region;
  readonly comment: string;
}

export interface ReviewRoutes {
  listIssues(jobId: number): Promise<Issue[]>;
  openIssue(jobId: number, issue: NewIssue): Promise<Issue>;
  comment(issueId: number, body: string): Promise<Issue>;
  resolve(issueId: number): Promise<Issue>;
  reopen(issueId: number): Promise<Issue>;
  transitions(jobId: number): Promise<Transition[]>;
  transition(jobId: number, action: TransitionAction, openNext: boolean): Promise<TransitionResult>;
  heartbeat(jobId: number, beat: Heartbeat): Promise<void>;
  guidelines(projectId: number): Promise<Guidelines>;
  acknowledge(projectId: number, version: number): Promise<void>;
}

interface Answer<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/** The answer's data, or the ApiError it is. */
async function unwrap<T>(call: () => Promise<Answer<T>>): Promise<T> {
  let result: Answer<T>;
  try {
    result = await call();
  } catch (cause) {
    throw ApiError.network(cause);
  }
  if (!result.response.ok || result.data === undefined) {
    throw ApiError.fromResponse(result.response.status, result.error, result.response.statusText);
  }
  return result.data;
}

export function reviewRoutes(api: AnnotaClient): ReviewRoutes {
  const job = (job_id: number) => ({ params: { path: { job_id } } });
  const issue = (issue_id: number) => ({ params: { path: { issue_id } } });
  const project = (project_id: number) => ({ params: { path: { project_id } } });
  return {
    listIssues: (jobId) => unwrap(() => api.raw.GET("/api/jobs/{job_id}/issues", job(jobId))),
    openIssue: (jobId, body) =>
      unwrap(() => api.raw.POST("/api/jobs/{job_id}/issues", { ...job(jobId), body: { frame: body.frame, region: body.region, comment: body.comment } })),
    comment: (issueId, body) => unwrap(() => api.raw.POST("/api/issues/{issue_id}/comments", { ...issue(issueId), body: { body } })),
    resolve: (issueId) => unwrap(() => api.raw.POST("/api/issues/{issue_id}/resolve", issue(issueId))),
    reopen: (issueId) => unwrap(() => api.raw.POST("/api/issues/{issue_id}/reopen", issue(issueId))),
    transitions: (jobId) => unwrap(() => api.raw.GET("/api/jobs/{job_id}/transitions", job(jobId))),
    transition: (jobId, action, openNext) =>
      unwrap(() => api.raw.POST("/api/jobs/{job_id}/transitions", { ...job(jobId), body: { action, open_next: openNext } })),
    heartbeat: async (jobId, beat) => {
      await unwrap(() => api.raw.POST("/api/jobs/{job_id}/activity", { ...job(jobId), body: beat }));
    },
    guidelines: (projectId) => unwrap(() => api.raw.GET("/api/projects/{project_id}/guidelines", project(projectId))),
    acknowledge: async (projectId, version) => {
      await unwrap(() => api.raw.POST("/api/projects/{project_id}/guidelines/acknowledge", { ...project(projectId), body: { version } }));
    },
  };
}

/** The reason the server gave for a refusal (`issues_open`, `guidelines_not_acknowledged`...), if any. */
export function refusalOf(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  return error.errors.find((e) => e.type !== "")?.type ?? null;
}
