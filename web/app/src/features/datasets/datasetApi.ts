import { ApiError, type AnnotaClient, csrfHeaders, isAbortError } from "@annota/api-client";
import type { DatasetFormat } from "./formats";
import type { BackgroundJob } from "./transfer";

export interface ImportRequest {
  file: File;
  /** A format name; null lets the server detect it. */
  format: string | null;
  /** The task to fill (an existing task's name extends it); null: a task named after the project. */
  taskName: string | null;
  /** The forced format's import options, {name: value}; empty for the defaults. */
  options: Record<string, string | number>;
}

export interface ExportRequest {
  format: string;
  withImages: boolean;
  annotatedOnly: boolean;
  /** One task only; null: the whole project. */
  taskId: number | null;
  /** The format's export options, {name: value}; empty for the defaults. */
  options: Record<string, string | number>;
}

export interface UploadCallbacks {
  onProgress: (loaded: number, total: number) => void;
  signal: AbortSignal;
}

/** How many of a project's recent dataset jobs the dialog lists. */
export const RECENT_JOBS = 5;

function parse(text: string): unknown {
  try {
    return text === "" ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

/**
 * Uploads a dataset and starts its import; resolves with the queued job. Uses XMLHttpRequest, the one
 * browser API that reports upload progress. Rejects with ApiError, or an AbortError when `signal` aborts.
 */
export function uploadImport(projectId: number, request: ImportRequest, callbacks: UploadCallbacks): Promise<BackgroundJob> {
  const { onProgress, signal } = callbacks;
  return new Promise((resolve, reject) => {
    const aborted = () => reject(new DOMException("upload aborted", "AbortError"));
    if (signal.aborted) return aborted();
    const form = new FormData();
    form.append("file", request.file, request.file.name);
    if (request.format !== null) form.append("format", request.format);
    if (request.taskName !== null) form.append("task_name", request.taskName);
    if (Object.keys(request.options).length > 0) form.append("options", JSON.stringify(request.options));

    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/projects/${projectId}/imports`);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(csrfHeaders("POST", document.cookie))) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : 0);
    const onAbort = () => xhr.abort();
    signal.addEventListener("abort", onAbort, { once: true });
    const settle = () => signal.removeEventListener("abort", onAbort);
    xhr.onload = () => {
      settle();
      const body = parse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as BackgroundJob);
      else reject(ApiError.fromResponse(xhr.status, body, xhr.statusText));
    };
    xhr.onerror = () => {
      settle();
      reject(ApiError.network(new Error("upload failed: no answer from the server")));
    };
    xhr.onabort = () => {
      settle();
      aborted();
    };
    xhr.send(form);
  });
}

/** Unwraps an openapi-fetch answer: its data, or an ApiError for an error answer or no answer. */
async function settled<D>(pending: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  let answer: { data?: D; error?: unknown; response: Response };
  try {
    answer = await pending;
  } catch (cause) {
    if (isAbortError(cause)) throw cause;
    throw ApiError.network(cause);
  }
  if (!answer.response.ok) throw ApiError.fromResponse(answer.response.status, answer.error, answer.response.statusText);
  return answer.data as D;
}

export function startExport(api: AnnotaClient, projectId: number, request: ExportRequest): Promise<BackgroundJob> {
  const body = {
    format: request.format,
    with_images: request.withImages,
    annotated_only: request.annotatedOnly,
    task_id: request.taskId,
    options: request.options,
  };
  return settled(api.raw.POST("/api/projects/{project_id}/exports", { params: { path: { project_id: projectId } }, body }));
}

/** Every dataset format of the server, with what it carries and its options. */
export function listFormats(api: AnnotaClient): Promise<DatasetFormat[]> {
  return settled(api.raw.GET("/api/formats"));
}

export function readJob(api: AnnotaClient, jobId: number): Promise<BackgroundJob> {
  return settled(api.raw.GET("/api/background-jobs/{job_id}", { params: { path: { job_id: jobId } } }));
}

export function cancelJob(api: AnnotaClient, jobId: number): Promise<BackgroundJob> {
  return settled(api.raw.POST("/api/background-jobs/{job_id}/cancel", { params: { path: { job_id: jobId } } }));
}

/** The project's latest imports or exports, newest first. */
export async function recentJobs(api: AnnotaClient, projectId: number, kind: "import" | "export"): Promise<BackgroundJob[]> {
  const query = { project_id: projectId, kind, sort: "-id", page_size: RECENT_JOBS };
  const page = await settled(api.raw.GET("/api/background-jobs", { params: { query } }));
  return page.items;
}

/** The project's tasks an import may extend (the first hundred, by name). */
export async function projectTasks(api: AnnotaClient, projectId: number): Promise<{ id: number; name: string }[]> {
  const page = await api.listTasks({ project_id: projectId, sort: "name", page_size: 100 });
  return page.items.map((task) => ({ id: task.id, name: task.name }));
}
