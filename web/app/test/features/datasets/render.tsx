import { createAnnotaClient } from "@annota/api-client";
import { render, type RenderResult } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { AppProviders } from "../../../src/App";
import { ProjectDatasetActions } from "../../../src/features/datasets/ProjectDatasetActions";
import type { DatasetFormat } from "../../../src/features/datasets/formats";
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

const carries = (kinds: string[], more: { tracks?: boolean; attributes?: boolean; subsets?: boolean } = {}) => ({
  kinds,
  tracks: false,
  attributes: false,
  subsets: false,
  images: true,
  ...more,
});

/** A few formats as `GET /api/formats` lists them (carries and options as the server declares them). */
export const FORMATS: DatasetFormat[] = [
  {
    name: "coco",
    title: "COCO 1.0",
    description: "COCO instances and person keypoints",
    can_import: true,
    can_export: true,
    carries: carries(["ellipse", "mask", "polygon", "rectangle", "skeleton"], { attributes: true, subsets: true }),
    options: [],
  },
  {
    name: "label_studio",
    title: "Label Studio JSON",
    description: "Label Studio tasks",
    can_import: true,
    can_export: true,
    carries: carries(["rectangle", "tag"], { tracks: true }),
    options: [
      { name: "data_key", kind: "text", direction: "import", default: null, choices: [], help: "the data key naming the media" },
      { name: "frame_width", kind: "integer", direction: "import", default: null, choices: [], help: "pixel width of video frames" },
    ],
  },
  {
    name: "mot",
    title: "MOT 1.1",
    description: "MOT challenge sequence",
    can_import: true,
    can_export: true,
    carries: carries(["rectangle"], { tracks: true, attributes: true }),
    options: [],
  },
  {
    name: "voc",
    title: "Pascal VOC 1.1",
    description: "Pascal VOC",
    can_import: true,
    can_export: true,
    carries: carries(["mask", "rectangle", "tag"], { attributes: true, subsets: true }),
    options: [
      { name: "layout", kind: "choice", direction: "export", default: "full", choices: ["full", "flat"], help: "the VOC folder tree or one folder" },
    ],
  },
  {
    name: "readonly",
    title: "Read-only format",
    description: "A format one can only import",
    can_import: true,
    can_export: false,
    carries: carries(["rectangle"]),
    options: [],
  },
];

/** A fake server with what the dialogs read before anything starts: the caller, the formats, the tasks, no recent job. */
export function datasetsApi(): FakeApi {
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/formats", 200, FORMATS)
    .on("GET /api/tasks", 200, TASKS)
    .on("GET /api/background-jobs", 200, { items: [], count: 0, page: 1, page_size: 5 });
}

/** A job the server reports as it is now; the test moves it on with `now = ...`. */
export class LiveJob {
  constructor(public now: BackgroundJob) {}
  readonly answer = (): BackgroundJob => this.now;
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
