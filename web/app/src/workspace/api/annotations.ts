/** The job document over HTTP: one load, and saves as diffs guarded by `If-Match` (ADR 0001). */
import { ApiError, isApiErrorBody, type AnnotaClient } from "@annota/api-client";
import { JobDocument } from "../document/jobDocument";
import type { ServerDiff } from "../document/wire";
import type { SaveOutcome, SaveTransport } from "../save/saveEngine";

/** `"12"` or `W/"12"` → 12; null when the header is absent or not a revision. */
export function revisionFromEtag(etag: string | null): number | null {
  if (etag === null) return null;
  const value = etag.trim().replace(/^W\//, "").replace(/"/g, "");
  return /^\d+$/.test(value) ? Number(value) : null;
}

export async function loadJobDocument(api: AnnotaClient, jobId: number): Promise<JobDocument> {
  let result;
  try {
    result = await api.raw.GET("/api/jobs/{job_id}/annotations", { params: { path: { job_id: jobId } } });
  } catch (cause) {
    throw ApiError.network(cause);
  }
  if (!result.response.ok || result.data === undefined) {
    throw ApiError.fromResponse(result.response.status, result.error, result.response.statusText);
  }
  return JobDocument.fromBody(result.data);
}

/** The reason the server refuses saves until the project's current guidelines are acknowledged. */
export const GUIDELINES_NOT_ACKNOWLEDGED = "guidelines_not_acknowledged";

/** Maps the answer of a PATCH to what the save engine does next. */
export function outcomeOf(status: number, body: unknown, etag: string | null): SaveOutcome {
  if (status >= 200 && status < 300) {
    const revision = typeof body === "object" && body !== null ? (body as { revision?: unknown }).revision : undefined;
    if (typeof revision === "number") return { type: "saved", revision };
    return { type: "rejected", status, errors: [{ loc: [], msg: "the server's answer has no revision", type: "invalid_answer" }] };
  }
  // A 409 with a reason other than a stale revision (guidelines not acknowledged) waits for the user like a refusal.
  const reasons = isApiErrorBody(body) ? body.errors.map((e) => e.type) : [];
  if (status === 409 && reasons.includes(GUIDELINES_NOT_ACKNOWLEDGED)) return { type: "rejected", status, errors: ApiError.fromResponse(status, body).errors };
  if (status === 409) return { type: "conflict", revision: revisionFromEtag(etag) };
  if (status === 401) return { type: "offline", reason: "unauthorized" };
  if (status === 408 || status === 429 || status >= 500) return { type: "offline", reason: "server" };
  return { type: "rejected", status, errors: ApiError.fromResponse(status, isApiErrorBody(body) ? body : undefined).errors };
}

export function httpSaveTransport(api: AnnotaClient): SaveTransport {
  return {
    async save(jobId: number, revision: number, diff: ServerDiff): Promise<SaveOutcome> {
      let result;
      try {
        result = await api.raw.PATCH("/api/jobs/{job_id}/annotations", {
          params: { path: { job_id: jobId }, header: { "If-Match": `"${revision}"` } },
          body: diff,
        });
      } catch {
        return { type: "offline", reason: "network" };
      }
      const { response } = result;
      return outcomeOf(response.status, response.ok ? result.data : result.error, response.headers.get("ETag"));
    },
  };
}
