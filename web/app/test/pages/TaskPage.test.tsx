import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ADA, BASE_URL, errorBody, FakeApi, renderApp } from "../harness";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const task = {
  id: 4,
  project_id: 2,
  name: "Batch 1",
  owner_id: 1,
  subset: "",
  media_kind: "image",
  segment_size: 0,
  overlap: 0,
  deadline: null,
  created_at: "2026-11-26T10:00:00Z",
  updated_at: "2026-11-26T10:00:00Z",
  media_count: 2,
  job_count: 1,
};
const project = {
  id: 2,
  name: "Street",
  description: "",
  guidelines: "",
  owner_id: 1,
  organization_id: null,
  deadline: null,
  created_at: "2026-11-26T10:00:00Z",
  updated_at: "2026-11-26T10:00:00Z",
};
const media = [
  { id: 10, task_id: 4, frame: 0, name: "a.jpg", width: 640, height: 480, mime: "image/jpeg", size_bytes: 1_536_000, annotation_count: 3 },
  { id: 11, task_id: 4, frame: 1, name: "b.png", width: null, height: null, mime: "image/png", size_bytes: 900, annotation_count: 0 },
];
const job = {
  id: 8,
  task_id: 4,
  frame_start: 0,
  frame_stop: 1,
  revision: 0,
  stage: "annotation",
  state: "in_progress",
  kind: "annotation",
  assignee_id: null,
  reviewer_id: null,
  priority: 0,
  deadline: null,
  updated_at: "2026-11-26T10:00:00Z",
};

function taskApi(user = ADA) {
  return new FakeApi()
    .on("GET /api/auth/me", 200, user)
    .on("GET /api/tasks/4", 200, task)
    .on("GET /api/projects/2", 200, project)
    .on("GET /api/tasks/4/media", 200, { items: media, count: 2, page: 1, page_size: 48 })
    .on("GET /api/jobs", 200, { items: [job], count: 1, page: 1, page_size: 500 });
}

/** Plays the server side of one XMLHttpRequest upload. */
class UploadXhr {
  static last: UploadXhr | null = null;
  url = "";
  headers: Record<string, string> = {};
  withCredentials = false;
  status = 0;
  statusText = "";
  responseText = "";
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  body: FormData | null = null;
  constructor() {
    UploadXhr.last = this;
  }
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
}

describe("the task page", () => {
  it("shows a lazy thumbnail tile per media with its file name and size", async () => {
    renderApp("/tasks/4", taskApi());
    const tiles = await screen.findAllByTestId("media-tile");
    expect(tiles).toHaveLength(2);
    const image = within(tiles[0]!).getByRole("img") as HTMLImageElement;
    expect(image.getAttribute("src")).toBe(`${BASE_URL}/api/media/10/thumbnail`);
    expect(image.getAttribute("loading")).toBe("lazy");
    expect(image.getAttribute("alt")).toBe("a.jpg");
    expect(tiles[0]!.textContent).toContain("1.5 MB");
    expect(tiles[0]!.textContent).toContain("640×480");
    expect(tiles[1]!.textContent).toContain("900 B");
  });

  it("shows each image's status and opens the workspace of its job at that image", async () => {
    renderApp("/tasks/4", taskApi());
    const tiles = await screen.findAllByTestId("media-tile");
    expect(within(tiles[0]!).getByTestId("media-status").textContent).toBe("3 objects");
    expect(within(tiles[1]!).getByTestId("media-status").textContent).toBe("Not started");
    await waitFor(() => expect(within(tiles[1]!).getByTestId("media-open").getAttribute("href")).toBe("/jobs/8?frame=1"));
    expect((await screen.findByTestId("job-open")).getAttribute("href")).toBe("/jobs/8");
  });

  it("writes sizes the French way for a French-speaking user", async () => {
    renderApp("/tasks/4", taskApi({ ...ADA, locale: "fr" }), { locale: "fr" });
    const tiles = await screen.findAllByTestId("media-tile");
    expect(tiles[0]!.textContent).toContain("1,5\u00a0Mo");
  });

  it("lists the jobs of the task with translated stage and state", async () => {
    renderApp("/tasks/4", taskApi());
    const row = await screen.findByTestId("job-row");
    expect(row.textContent).toContain("Annotation");
    expect(row.textContent).toContain("In progress");
    expect(row.textContent).toContain("Unassigned");
  });

  it("uploads the chosen files with a progress bar, then reloads the media", async () => {
    const api = taskApi();
    renderApp("/tasks/4", api, { createXhr: () => new UploadXhr() as unknown as XMLHttpRequest });
    await screen.findAllByTestId("media-tile");
    const files = [new File(["x"], "c.jpg", { type: "image/jpeg" }), new File(["y"], "d.zip")];
    fireEvent.change(screen.getByTestId("media-input"), { target: { files } });
    fireEvent.click(screen.getByTestId("media-upload-submit"));

    const xhr = UploadXhr.last!;
    expect(xhr.url).toBe(`${BASE_URL}/api/tasks/4/media`);
    expect(xhr.headers["X-CSRF-Token"]).toBe("csrf-token");
    expect((xhr.body?.getAll("files") as File[]).map((f) => f.name)).toEqual(["c.jpg", "d.zip"]);
    xhr.upload.onprogress?.({ loaded: 50, total: 200, lengthComputable: true });
    const progress = (await screen.findByTestId("upload-progress")) as HTMLProgressElement;
    await waitFor(() => expect(progress.getAttribute("value")).toBe("25"));

    xhr.status = 201;
    xhr.responseText = JSON.stringify({ added: 2, frames: [2, 3] });
    xhr.onload?.();
    expect((await screen.findByTestId("upload-result")).textContent).toBe("Files added: 2");
    await waitFor(() => expect(api.seen("GET /api/tasks/4/media")).toHaveLength(2));
    expect(screen.queryByTestId("upload-progress")).toBeNull();
  });

  it("shows the server's reason when an upload is refused", async () => {
    renderApp("/tasks/4", taskApi(), { createXhr: () => new UploadXhr() as unknown as XMLHttpRequest });
    await screen.findAllByTestId("media-tile");
    fireEvent.change(screen.getByTestId("media-input"), { target: { files: [new File(["x"], "e.txt")] } });
    fireEvent.click(screen.getByTestId("media-upload-submit"));
    const xhr = UploadXhr.last!;
    xhr.status = 422;
    xhr.responseText = JSON.stringify(errorBody(422, "not an image or a zip", ["files", 0]));
    xhr.onload?.();
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("files[0]: not an image or a zip");
  });

  it("says the task does not exist when the server answers 404", async () => {
    const api = new FakeApi()
      .on("GET /api/auth/me", 200, ADA)
      .on("GET /api/tasks/99", 404, errorBody(404, "Task 99 not found"));
    renderApp("/tasks/99", api);
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("This item does not exist");
  });
});
