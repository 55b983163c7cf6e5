import type { ApiError } from "@annota/api-client";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { toApiError } from "../api/toApiError";
import { ErrorBanner } from "./ErrorBanner";

interface GlobalError {
  error: ApiError | null;
  /** Shows a failure that has no form or page of its own to show it (locale save, sign-out). */
  reportError: (error: unknown) => void;
  clear: () => void;
}

const GlobalErrorContext = createContext<GlobalError | null>(null);

export function GlobalErrorProvider({ children }: { children: ReactNode }) {
  const [error, setError] = useState<ApiError | null>(null);
  const reportError = useCallback((reason: unknown) => setError(toApiError(reason)), []);
  const clear = useCallback(() => setError(null), []);
  const value = useMemo(() => ({ error, reportError, clear }), [error, reportError, clear]);
  return <GlobalErrorContext.Provider value={value}>{children}</GlobalErrorContext.Provider>;
}

export function useGlobalError(): GlobalError {
  const context = useContext(GlobalErrorContext);
  if (!context) throw new Error("useGlobalError: no <GlobalErrorProvider> above this component");
  return context;
}

export function GlobalErrorBanner() {
  const { error, clear } = useGlobalError();
  return <ErrorBanner error={error} onDismiss={clear} />;
}
