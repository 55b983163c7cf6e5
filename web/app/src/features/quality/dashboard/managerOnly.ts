import type { ApiError } from "@annota/api-client";

/** A manager's figure the caller may not see: the section is left out rather than shown as an error. */
export function forbidden(error: ApiError | null): boolean {
  return error !== null && error.status === 403;
}
