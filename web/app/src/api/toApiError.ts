import { ApiError } from "@annota/api-client";

/** What the UI shows for a failure: an ApiError as is; anything else (a bug) as one `client_error` item. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const msg = error instanceof Error ? error.message : String(error);
  return new ApiError(0, [{ loc: [], msg, type: "client_error" }]);
}
