import { createAnnotaClient } from "@annota/api-client";
import { render, type RenderResult } from "@testing-library/react";
import { MemoryRouter, useLocation } from "react-router-dom";
import { AppProviders, AppRoutes } from "../src/App";
import { SESSION_EXPIRED } from "../src/auth/AuthContext";
import { createI18n, type Locale } from "../src/i18n/locales";
import { DEFAULT_SERVICES, WorkspaceServicesProvider, type WorkspaceServices } from "../src/pages/workspace/services";

export const BASE_URL = "http://annota.test";

export const ADA = {
  id: 1,
  username: "ada",
  email: "ada@example.org",
  is_admin: false,
  is_active: true,
  locale: "en",
  created_at: "2026-11-26T09:00:00Z",
};

export function errorBody(status: number, msg: string, loc: (string | number)[] = []) {
  return { ok: false, status, errors: [{ loc, msg, type: "test" }] };
}

type Handler = (request: Request) => unknown;

/** A fake annota server: `"METHOD /path"` → JSON answer (or a function of the request); records requests. */
export class FakeApi {
  readonly requests: Request[] = [];
  private readonly routes = new Map<string, { status: number; body: Handler }>();

  on(route: string, status: number, body: unknown | Handler): this {
    this.routes.set(route, { status, body: typeof body === "function" ? (body as Handler) : () => body });
    return this;
  }

  /** Requests seen for `"METHOD /path"`. */
  seen(route: string): Request[] {
    return this.requests.filter((r) => `${r.method} ${new URL(r.url).pathname}` === route);
  }

  private mode: "answer" | "unreachable" | "silent" = "answer";

  /** Every request fails as when the server is down (fetch rejects). */
  unreachable(): this {
    this.mode = "unreachable";
    return this;
  }

  /** No request ever gets an answer (to see loading states). */
  silent(): this {
    this.mode = "silent";
    return this;
  }

  readonly fetch = async (request: Request): Promise<Response> => {
    this.requests.push(request);
    if (this.mode === "unreachable") throw new TypeError("Failed to fetch");
    if (this.mode === "silent") return new Promise<Response>(() => {});
    const route = `${request.method} ${new URL(request.url).pathname}`;
    const answer = this.routes.get(route);
    if (!answer) return json(404, errorBody(404, `no fake route for ${route}`));
    const body = answer.body(request);
    return answer.status === 204 ? new Response(null, { status: 204 }) : json(answer.status, body);
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** Shows the router's current location, so tests can check where a page navigated to. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

export interface Rendered extends RenderResult {
  api: FakeApi;
}

/** The whole app (real providers, routes and API client) at `path`, talking to `api`. */
export function renderApp(
  path: string,
  api: FakeApi,
  {
    locale = "en",
    createXhr,
    services = DEFAULT_SERVICES,
  }: { locale?: Locale; createXhr?: () => XMLHttpRequest; services?: WorkspaceServices } = {},
): Rendered {
  const sessionEvents = new EventTarget();
  const client = createAnnotaClient({
    baseUrl: BASE_URL,
    fetch: api.fetch,
    cookies: () => "annota_csrf=csrf-token",
    ...(createXhr ? { createXhr } : {}),
    onError: (error) => {
      if (error.status === 401) sessionEvents.dispatchEvent(new Event(SESSION_EXPIRED));
    },
  });
  const result = render(
    <AppProviders client={client} i18n={createI18n(locale)} sessionEvents={sessionEvents}>
      <WorkspaceServicesProvider services={services}>
        <MemoryRouter initialEntries={[path]}>
          <AppRoutes />
          <LocationProbe />
        </MemoryRouter>
      </WorkspaceServicesProvider>
    </AppProviders>,
  );
  return Object.assign(result, { api });
}
