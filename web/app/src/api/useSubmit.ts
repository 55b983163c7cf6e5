import type { ApiError } from "@annota/api-client";
import { useCallback, useRef, useState } from "react";
import { toApiError } from "./toApiError";

export interface SubmitState<A extends unknown[], R> {
  /** Runs the action; resolves with its result, or with undefined when it failed (the error is in `error`). */
  submit: (...args: A) => Promise<R | undefined>;
  pending: boolean;
  error: ApiError | null;
  clearError: () => void;
}

/** State for one form action: pending while it runs, its ApiError when it fails, no double submits. */
export function useSubmit<A extends unknown[], R>(action: (...args: A) => Promise<R>): SubmitState<A, R> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const running = useRef(false);
  const actionRef = useRef(action);
  actionRef.current = action;

  const submit = useCallback(async (...args: A) => {
    if (running.current) return undefined;
    running.current = true;
    setPending(true);
    setError(null);
    try {
      return await actionRef.current(...args);
    } catch (reason) {
      setError(toApiError(reason));
      return undefined;
    } finally {
      running.current = false;
      setPending(false);
    }
  }, []);

  return { submit, pending, error, clearError: useCallback(() => setError(null), []) };
}
