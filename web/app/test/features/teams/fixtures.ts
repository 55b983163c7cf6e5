import type { Locale } from "../../../src/i18n/locales";
import { DEFAULT_SERVICES } from "../../../src/pages/workspace/services";
import { createExtraRoutes } from "../../../src/workspace/api/extraRoutes";
import { BASE_URL, type FakeApi, type Rendered, renderApp } from "../../harness";

/** Wire objects the team pages' tests answer with. */
export function workItem(job_id: number, overrides: Record<string, unknown> = {}) {
  return {
    job_id,
    task_id: 3,
    task_name: "Street images",
    project_id: 2,
    project_name: "Streets",
    role: "assignee",
    stage: "annotation",
    state: "new",
    priority: 0,
    frame_start: 0,
    frame_stop: 9,
    due: null,
    overdue: false,
    open_issues: 0,
    ...overrides,
  };
}

export function guidelines(must_acknowledge: boolean) {
  return {
    project_id: 2,
    version: 3,
    body: "# Rules\n\nBox every car.",
    author_id: 1,
    created_at: "2026-11-26T09:00:00Z",
    acknowledged_version: must_acknowledge ? null : 3,
    must_acknowledge,
  };
}

export const emptyPage = { items: [], count: 0, page: 1, page_size: 50 };

export function job(id: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    task_id: 3,
    frame_start: 0,
    frame_stop: 9,
    revision: 0,
    stage: "annotation",
    state: "new",
    kind: "annotation",
    assignee_id: null,
    reviewer_id: null,
    priority: 0,
    deadline: null,
    updated_at: "2026-11-26T09:00:00Z",
    open_issues: 0,
    ...overrides,
  };
}

/** The whole app at `path`; the workspace a page may open next talks to `api` too (and then waits forever). */
export function renderTeams(path: string, api: FakeApi, locale: Locale = "en"): Rendered {
  const extra = createExtraRoutes({ baseUrl: BASE_URL, fetch: api.fetch, cookies: () => "annota_csrf=csrf-token" });
  return renderApp(path, api, {
    locale,
    services: { ...DEFAULT_SERVICES, extra, openStore: () => new Promise(() => {}) },
  });
}
