/**
 * Plain `fetch` calls for routes the generated client does not describe (or cannot: multipart, binary
 * answers), with the same cookies and CSRF header as the client, failing with the same ApiError.
 */
import { ApiError, csrfHeaders } from "@annota/api-client";

export interface RouteOptions {
  readonly baseUrl?: string;
  readonly fetch?: (request: Request) => Promise<Response>;
  readonly cookies?: () => string;
}

export interface Send {
  (method: string, path: string, body?: BodyInit, type?: string, signal?: AbortSignal): Promise<Response>;
}

/** A sender for `options`: relative paths resolve against the base URL (or the page). */
export function sender(options: RouteOptions = {}): Send {
  const base = (options.baseUrl ?? "").replace(/\/+$/, "");
  const doFetch = options.fetch ?? ((r: Request) => globalThis.fetch(r));
  const cookies = options.cookies ?? (() => (typeof document === "undefined" ? "" : document.cookie));
  return (method, path, body, type, signal) => {
    const headers = new Headers(csrfHeaders(method, cookies()));
    if (type !== undefined) headers.set("Content-Type", type);
    const url = `${base}${path}`;
    const absolute = /^https?:/.test(url) ? url : new URL(url, globalThis.location?.href ?? "http://localhost/").href;
    return doFetch(new Request(absolute, { method, headers, credentials: "include", ...(body !== undefined ? { body } : {}), ...(signal !== undefined ? { signal } : {}) }));
  };
}

/** The response, or the ApiError it is (a failed `fetch` is a network error). */
export async function ok(request: Promise<Response>): Promise<Response> {
  let response: Response;
  try {
    response = await request;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw ApiError.network(cause);
  }
  if (!response.ok) {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text === "" ? null : JSON.parse(text);
    } catch {
      // not JSON: kept as text for the error message
    }
    throw ApiError.fromResponse(response.status, body, response.statusText);
  }
  return response;
}

/** The JSON body of a successful answer. */
export async function answer(request: Promise<Response>): Promise<unknown> {
  const text = await (await ok(request)).text();
  try {
    return text === "" ? null : JSON.parse(text);
  } catch {
    return text;
  }
}

export function objectBody(body: unknown, route: string): Record<string, unknown> {
  if (typeof body === "object" && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  throw new ApiError(200, [{ loc: [route], msg: "expected a JSON object", type: "invalid_answer" }]);
}
