import { createAnnotaClient } from "@annota/api-client";
import { render, type RenderResult } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { AppProviders } from "../../../src/App";
import { ProjectDatasetActions } from "../../../src/features/datasets/ProjectDatasetActions";
import type { BackgroundJob } from "../../../src/features/datasets/transfer";
import { createI18n, type Locale } from "../../../src/i18n/locales";
import { ADA, BASE_URL, FakeApi } from "../../harness";

export const TASKS = {
  items: [
    { id: 4, name: "Batch 1" },
    { id: 5, name: "Batch 2" },
  ],
  count: 2,
  page: 1,
  page_size: 100,
};

/** A fake server with what the dialogs read before anything starts: the caller, the tasks, no recent job. */
export function datasetsApi(): FakeApi {
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/tasks", 200, TASKS)
    .on("GET /api/background-jobs", 200, { items: [], count: 0, page: 1, page_size: 5 });
}

/** Answers each request with the next job of `jobs`, then keeps answering the last one. */
export function inTurn(jobs: BackgroundJob[]): () => BackgroundJob {
  let next = 0;
  return () => jobs[Math.min(next++, jobs.length - 1)]!;
}

/** The project page's dataset buttons alone (real providers and API client), talking to `api`. */
export function renderActions(
  api: FakeApi,
  { locale = "en", onImported }: { locale?: Locale; onImported?: (job: BackgroundJob) => void } = {},
): RenderResult {
  const client = createAnnotaClient({ baseUrl: BASE_URL, fetch: api.fetch, cookies: () => "annota_csrf=csrf-token" });
  return render(
    <AppProviders client={client} i18n={createI18n(locale)} sessionEvents={new EventTarget()}>
      <MemoryRouter>
        <ProjectDatasetActions projectId={2} {...(onImported ? { onImported } : {})} />
      </MemoryRouter>
    </AppProviders>,
  );
}

type ProgressEvent = { loaded: number; total: number; lengthComputable: boolean };

/** Plays the server side of one XMLHttpRequest upload; install with `vi.stubGlobal("XMLHttpRequest", UploadXhr)`. */
export class UploadXhr {
  static last: UploadXhr | null = null;
  method = "";
  url = "";
  headers: Record<string, string> = {};
  withCredentials = false;
  status = 0;
  statusText = "";
  responseText = "";
  aborted = false;
  upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  body: FormData | null = null;
  constructor() {
    UploadXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  /** The server's answer to the upload. */
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}
