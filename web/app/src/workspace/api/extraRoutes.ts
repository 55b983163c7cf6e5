/**
 * User preferences and project assets, which the client has no methods for: plain `fetch` with the
 * same cookies and CSRF header as the client (the asset upload is multipart, which openapi-fetch does
 * not build), failing with the same ApiError.
 */
import { ApiError, csrfHeaders } from "@annota/api-client";

export interface ExtraRoutesOptions {
  readonly baseUrl?: string;
  readonly fetch?: (request: Request) => Promise<Response>;
  readonly cookies?: () => string;
}

export interface ExtraRoutes {
  getPreferences(): Promise<Record<string, unknown>>;
  putPreferences(preferences: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Uploads an image for a project's guidelines; resolves with the URL to put in the Markdown. */
  uploadProjectAsset(projectId: number, file: Blob, filename: string): Promise<string>;
}

async function answer(request: Promise<Response>): Promise<unknown> {
  let response: Response;
  try {
    response = await request;
  } catch (cause) {
    throw ApiError.network(cause);
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === "" ? null : JSON.parse(text);
  } catch {
    // not JSON: kept as text for the error message
  }
  if (!response.ok) throw ApiError.fromResponse(response.status, body, response.statusText);
  return body;
}

function objectBody(body: unknown, route: string): Record<string, unknown> {
  if (typeof body === "object" && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  throw new ApiError(200, [{ loc: [route], msg: "expected a JSON object", type: "invalid_answer" }]);
}

export function createExtraRoutes(options: ExtraRoutesOptions = {}): ExtraRoutes {
  const base = (options.baseUrl ?? "").replace(/\/+$/, "");
  const doFetch = options.fetch ?? ((r: Request) => globalThis.fetch(r));
  const cookies = options.cookies ?? (() => (typeof document === "undefined" ? "" : document.cookie));
  const request = (method: string, path: string, body?: BodyInit, type?: string) => {
    const headers = new Headers(csrfHeaders(method, cookies()));
    if (type !== undefined) headers.set("Content-Type", type);
    const url = `${base}${path}`;
    const absolute = /^https?:/.test(url) ? url : new URL(url, globalThis.location?.href ?? "http://localhost/").href;
    return doFetch(new Request(absolute, { method, headers, credentials: "include", ...(body !== undefined ? { body } : {}) }));
  };
  return {
    getPreferences: async () => objectBody(await answer(request("GET", "/api/users/me/preferences")), "preferences"),
    putPreferences: async (preferences) =>
      objectBody(await answer(request("PUT", "/api/users/me/preferences", JSON.stringify(preferences), "application/json")), "preferences"),
    uploadProjectAsset: async (projectId, file, filename) => {
      const form = new FormData();
      form.append("file", file, filename);
      const body = objectBody(await answer(request("POST", `/api/projects/${projectId}/assets`, form)), "assets");
      if (typeof body.url !== "string") throw new ApiError(200, [{ loc: ["url"], msg: "the answer has no url", type: "invalid_answer" }]);
      return body.url;
    },
  };
}
