import { ApiError, isAbortError } from "@annota/api-client";

interface Settled<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/**
 * The body of a successful `api.raw.*` call, or the ApiError it failed with (no answer: a network
 * error), so raw calls fail exactly as the client's own methods do.
 */
export async function settle<D>(pending: Promise<Settled<D>>): Promise<D> {
  let result: Settled<D>;
  try {
    result = await pending;
  } catch (cause) {
    if (isAbortError(cause)) throw cause;
    throw ApiError.network(cause);
  }
  const { response } = result;
  if (!response.ok) throw ApiError.fromResponse(response.status, result.error, response.statusText);
  return result.data as D;
}

/** Whether `error` is the server refusing because the project's current guidelines are not acknowledged. */
export function isGuidelinesRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.errors.some((e) => e.type === "guidelines_not_acknowledged");
}
