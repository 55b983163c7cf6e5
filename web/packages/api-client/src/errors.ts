/** One problem reported by the server, pydantic-style: where (`loc`), what (`msg`), which kind (`type`). */
export interface ApiErrorItem {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** The server's one error shape: `{"ok": false, "status": 422, "errors": [...]}`. */
export interface ApiErrorBody {
  ok: false;
  status: number;
  errors: ApiErrorItem[];
}

/** `type` of the item made up on this side when the request never got an answer. */
export const NETWORK_ERROR_TYPE = "network_error";
/** `type` of the item made up on this side when the answer was not the server's error shape. */
export const HTTP_ERROR_TYPE = "http_error";

/** The request parts that prefix pydantic locations and mean nothing to a person filling a form. */
const REQUEST_PARTS = new Set(["body", "query", "path", "header", "cookie"]);

function isErrorItem(value: unknown): value is ApiErrorItem {
  if (typeof value !== "object" || value === null) return false;
  const item = value as Record<string, unknown>;
  return (
    Array.isArray(item.loc) &&
    item.loc.every((part) => typeof part === "string" || typeof part === "number") &&
    typeof item.msg === "string" &&
    typeof item.type === "string"
  );
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null) return false;
  const body = value as Record<string, unknown>;
  return (
    body.ok === false &&
    typeof body.status === "number" &&
    Array.isArray(body.errors) &&
    body.errors.every(isErrorItem)
  );
}

/**
 * `["body", "labels", 0, "name"]` → `"labels[0].name"`; an empty location gives `""`.
 * The leading request part (body, query, ...) is dropped.
 */
export function formatLoc(loc: readonly (string | number)[]): string {
  const parts = loc.length > 0 && REQUEST_PARTS.has(String(loc[0])) ? loc.slice(1) : loc;
  let out = "";
  for (const part of parts) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out;
}

/** A short text body (e.g. "Bad Gateway") is worth showing; an HTML error page is not. */
function readableText(body: unknown): string | null {
  if (typeof body !== "string") return null;
  const text = body.trim();
  return text !== "" && text.length <= 200 && !text.includes("<") ? text : null;
}

/** Every failed call of the client rejects with this; `status` 0 means no answer came back. */
export class ApiError extends Error {
  readonly status: number;
  readonly errors: readonly ApiErrorItem[];

  constructor(status: number, errors: readonly ApiErrorItem[]) {
    super(
      errors.length > 0
        ? errors.map((e) => (e.loc.length > 0 ? `${formatLoc(e.loc)}: ${e.msg}` : e.msg)).join("; ")
        : `HTTP ${status}`,
    );
    this.name = "ApiError";
    this.status = status;
    this.errors = errors;
  }

  /** Maps any error answer to an ApiError: the server's shape as is, anything else as one `http_error` item. */
  static fromResponse(status: number, body: unknown, statusText = ""): ApiError {
    if (isApiErrorBody(body)) return new ApiError(status, body.errors);
    const msg = readableText(body) ?? (statusText.trim() || `HTTP ${status}`);
    return new ApiError(status, [{ loc: [], msg, type: HTTP_ERROR_TYPE }]);
  }

  /** The request never got an answer (server down, connection refused, CORS). */
  static network(cause: unknown): ApiError {
    const msg = cause instanceof Error && cause.message !== "" ? cause.message : "network error";
    const error = new ApiError(0, [{ loc: [], msg, type: NETWORK_ERROR_TYPE }]);
    return Object.assign(error, { cause });
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }

  /** Messages whose location is exactly `path` as `formatLoc` writes it, e.g. `"name"` or `"labels[0].color"`. */
  messagesAt(path: string): string[] {
    return this.errors.filter((e) => formatLoc(e.loc) === path).map((e) => e.msg);
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}
