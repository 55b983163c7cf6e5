import { ApiError } from "./errors";

export interface UploadProgress {
  /** Bytes of the request body sent so far. */
  loaded: number;
  /** Size of the whole request body in bytes (0 while unknown). */
  total: number;
}

export interface UploadOptions {
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

export interface MultipartRequest {
  url: string;
  /** The form field every file is sent under (the server reads one list). */
  field: string;
  files: readonly Blob[];
  headers: Record<string, string>;
  createXhr: () => XMLHttpRequest;
}

function fileName(blob: Blob, index: number): string {
  return typeof File !== "undefined" && blob instanceof File ? blob.name : `file-${index}`;
}

function parseBody(xhr: XMLHttpRequest): unknown {
  const text = xhr.responseText;
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * POSTs files as multipart/form-data with XMLHttpRequest, the one browser API that reports upload
 * progress. Resolves with the parsed JSON answer; rejects with ApiError (or an AbortError on abort).
 */
export function postMultipart(request: MultipartRequest, options: UploadOptions = {}): Promise<unknown> {
  const { signal, onProgress } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException("upload aborted", "AbortError"));
      return;
    }
    const form = new FormData();
    request.files.forEach((file, index) => form.append(request.field, file, fileName(file, index)));

    const xhr = request.createXhr();
    xhr.open("POST", request.url);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader("Accept", "application/json");

    if (onProgress) {
      xhr.upload.onprogress = (event) =>
        onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : 0 });
    }
    const onAbortSignal = () => xhr.abort();
    signal?.addEventListener("abort", onAbortSignal, { once: true });
    const done = () => signal?.removeEventListener("abort", onAbortSignal);

    xhr.onload = () => {
      done();
      const body = parseBody(xhr);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(ApiError.fromResponse(xhr.status, body, xhr.statusText));
    };
    xhr.onerror = () => {
      done();
      reject(ApiError.network(new Error("upload failed: no answer from the server")));
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException("upload aborted", "AbortError"));
    };
    xhr.send(form);
  });
}
