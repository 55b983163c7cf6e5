import { createAnnotaClient } from "@annota/api-client";
import { render, type RenderResult } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router-dom";
import { AppProviders } from "../../../src/App";
import { createI18n, type Locale } from "../../../src/i18n/locales";
import { ADA, BASE_URL, FakeApi } from "../../harness";

export const STORAGE = {
  id: 3,
  project_id: 2,
  name: "cams",
  bucket: "acme-footage",
  prefix: "cams/2026/",
  endpoint_url: "https://minio.acme.internal:9000",
  region: "us-east-1",
  has_credentials: true,
  created_at: "2026-11-26T10:00:00Z",
};

export const TASK = {
  id: 5, project_id: 2, name: "Day 1", owner_id: 1, subset: "", media_kind: "images", segment_size: 0, overlap: 0,
  frame_start: 0, frame_stop: null, frame_step: 1, deadline: null, created_at: "2026-11-26T10:00:00Z",
  updated_at: "2026-11-26T10:00:00Z", media_count: 0, job_count: 0,
};

/** A fake server where ada is signed in. */
export function server(): FakeApi {
  return new FakeApi().on("GET /api/auth/me", 200, ADA).on("GET /api/notifications/unread", 200, { unread: 0 });
}

/** `ui` with the app's real providers and API client, talking to `api`. */
export function renderWith(ui: ReactNode, api: FakeApi, locale: Locale = "en"): RenderResult {
  const client = createAnnotaClient({ baseUrl: BASE_URL, fetch: api.fetch, cookies: () => "annota_csrf=csrf-token" });
  return render(
    <AppProviders client={client} i18n={createI18n(locale)} sessionEvents={new EventTarget()}>
      <MemoryRouter>{ui}</MemoryRouter>
    </AppProviders>,
  );
}

/** Lets the fake server's answers reach the component (a section that is shown shows within this time). */
export const answered = () => new Promise((resolve) => setTimeout(resolve, 30));
