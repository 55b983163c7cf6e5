import type { AnnotaClient, ApiError } from "@annota/api-client";
import { type DependencyList, useCallback, useEffect, useState } from "react";
import { useApi } from "./ApiContext";
import { toApiError } from "./toApiError";

export interface QueryState<T> {
  /** The last data loaded; kept while the next load runs, so a table does not flash empty between pages. */
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Loads `load(api)` whenever `deps` change; an answer that arrives after newer deps is dropped. */
export function useQuery<T>(load: (api: AnnotaClient) => Promise<T>, deps: DependencyList): QueryState<T> {
  const api = useApi();
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    load(api).then(
      (value) => {
        if (!current) return;
        setData(value);
        setLoading(false);
      },
      (reason: unknown) => {
        if (!current) return;
        setError(toApiError(reason));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // `load` is a new closure each render; `deps` says when it means something new.
  }, [api, generation, ...deps]);

  return { data, error, loading, reload };
}
