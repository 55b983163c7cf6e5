import type { AnnotaClient } from "@annota/api-client";
import { createContext, useContext, type ReactNode } from "react";

const ApiContext = createContext<AnnotaClient | null>(null);

export function ApiProvider({ client, children }: { client: AnnotaClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): AnnotaClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error("useApi: no <ApiProvider> above this component");
  return client;
}
