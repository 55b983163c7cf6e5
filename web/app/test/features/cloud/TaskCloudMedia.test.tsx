import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TaskCloudMedia } from "../../../src/features/cloud/TaskCloudMedia";
import { errorBody, type FakeApi } from "../../harness";
import { answered, renderWith, server, STORAGE, TASK } from "./render";

afterEach(cleanup);

const OBJECTS = [
  { key: "day1/001.jpg", size: 2000 },
  { key: "day1/002.jpg", size: 3000 },
  { key: "day1/003.jpg", size: 500 },
  { key: "day2/004.jpg", size: 10 },
];
const OBJECTS_ROUTE = "GET /api/cloud-storages/3/objects";
const ADD = "POST /api/tasks/5/media/cloud";

/** The bucket's objects under `?prefix=`, at most `?limit=` of them. */
function listing(request: Request) {
  const query = new URL(request.url).searchParams;
  const under = OBJECTS.filter((o) => o.key.startsWith(query.get("prefix") ?? ""));
  const limit = Number(query.get("limit"));
  return { items: under.slice(0, limit), truncated: under.length > limit };
}

function bucketServer(): FakeApi {
  return server()
    .on("GET /api/tasks/5", 200, TASK)
    .on("GET /api/projects/2/cloud-storages", 200, [STORAGE])
    .on(OBJECTS_ROUTE, 200, listing);
}

function show(api: FakeApi, onAdded = () => {}) {
  return renderWith(<TaskCloudMedia taskId={5} projectId={2} onAdded={onAdded} />, api);
}

async function openFolder(name: string) {
  const folder = (await screen.findAllByTestId("cloud-folder")).find((f) => f.textContent === name);
  fireEvent.click(folder!);
  await screen.findAllByTestId("cloud-object");
}

describe("adding media from cloud storage", () => {
  it("shows the connection's folders with their object count and size", async () => {
    show(bucketServer());
    const folders = await screen.findAllByTestId("cloud-folder");
    expect(folders.map((f) => f.textContent)).toEqual(["day1/", "day2/"]);
    expect(folders[0]!.parentElement!.textContent).toContain("3 objects, 5.5 kB");
    expect(screen.getByRole("button", { name: "acme-footage/cams/2026/" })).toBeTruthy();
  });

  it("opens a folder by asking the server for its prefix, and lists its objects with their sizes", async () => {
    const api = bucketServer();
    show(api);
    await openFolder("day1/");
    const url = new URL(api.seen(OBJECTS_ROUTE).at(-1)!.url);
    expect(url.searchParams.get("prefix")).toBe("day1/");
    expect(screen.getAllByTestId("cloud-object").map((o) => o.textContent)).toEqual([
      "001.jpg2 kB",
      "002.jpg3 kB",
      "003.jpg500 B",
    ]);
    expect(screen.getByTestId("cloud-add-prefix").textContent).toBe("Add everything in day1/");
  });

  it("offers more when the listing was cut short, and asks for a longer one", async () => {
    const api = server()
      .on("GET /api/tasks/5", 200, TASK)
      .on("GET /api/projects/2/cloud-storages", 200, [STORAGE])
      .on(OBJECTS_ROUTE, 200, { items: OBJECTS.slice(0, 2), truncated: true });
    show(api);
    fireEvent.click(await screen.findByTestId("cloud-more"));
    await waitFor(() => expect(api.seen(OBJECTS_ROUTE)).toHaveLength(2));
    expect(new URL(api.seen(OBJECTS_ROUTE)[1]!.url).searchParams.get("limit")).toBe("1000");
  });

  it("adds the objects ticked in the order they were ticked, then refreshes the task", async () => {
    const onAdded = vi.fn();
    const api = bucketServer().on(ADD, 201, { added: 2, frames: [0, 1] });
    show(api, onAdded);
    await openFolder("day1/");
    fireEvent.click(screen.getByRole("checkbox", { name: "003.jpg" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "001.jpg" }));
    fireEvent.click(screen.getByTestId("cloud-add-selected"));
    expect((await screen.findByTestId("cloud-added")).textContent).toBe("2 images added to the task.");
    expect(await api.seen(ADD)[0]!.json()).toEqual({ storage_id: 3, keys: ["day1/003.jpg", "day1/001.jpg"] });
    expect(onAdded).toHaveBeenCalledTimes(1);
    expect((screen.getByRole("checkbox", { name: "001.jpg" }) as HTMLInputElement).checked).toBe(false);
  });

  it("adds a whole folder by its prefix, and says it is waiting meanwhile", async () => {
    const api = bucketServer().on(ADD, 201, { added: 1, frames: [0] });
    show(api);
    await openFolder("day2/");
    fireEvent.click(screen.getByTestId("cloud-add-prefix"));
    expect(screen.getByTestId("cloud-adding").textContent).toContain("Reading each object");
    expect((screen.getByTestId("cloud-add-prefix") as HTMLButtonElement).disabled).toBe(true);
    expect((await screen.findByTestId("cloud-added")).textContent).toBe("1 image added to the task.");
    expect(screen.queryByTestId("cloud-adding")).toBeNull();
    expect(await api.seen(ADD)[0]!.json()).toEqual({ storage_id: 3, prefix: "day2/" });
  });

  it("lists every problem under the object it is about, and adds nothing", async () => {
    const onAdded = vi.fn();
    const api = bucketServer().on(ADD, 422, {
      ok: false,
      status: 422,
      errors: [
        { loc: ["body", "keys", 1], msg: "s3://acme-footage/cams/2026/day1/002.jpg: no such object", type: "object_not_found" },
        { loc: ["body", "keys", 0], msg: "not an image", type: "invalid_image" },
      ],
    });
    show(api, onAdded);
    await openFolder("day1/");
    fireEvent.click(screen.getByRole("checkbox", { name: "003.jpg" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "002.jpg" }));
    fireEvent.click(screen.getByTestId("cloud-add-selected"));
    const list = await screen.findByTestId("cloud-problems");
    expect(list.querySelector("strong")!.textContent).toBe("Nothing was added: 2 problems.");
    expect(within(list).getAllByTestId("cloud-problem").map((p) => p.querySelector("code")!.textContent)).toEqual([
      "day1/002.jpg",
      "day1/003.jpg",
    ]);
    expect(onAdded).not.toHaveBeenCalled();
  });

  it("lets one choose among several connections", async () => {
    const other = { ...STORAGE, id: 4, name: "archive", bucket: "old-footage" };
    const api = bucketServer()
      .on("GET /api/projects/2/cloud-storages", 200, [STORAGE, other])
      .on("GET /api/cloud-storages/4/objects", 200, { items: [{ key: "x.jpg", size: 1 }], truncated: false });
    show(api);
    fireEvent.change(await screen.findByTestId("cloud-media-storage"), { target: { value: "4" } });
    expect((await screen.findAllByTestId("cloud-object")).map((o) => o.textContent)).toEqual(["x.jpg1 B"]);
  });

  it.each([403, 404])("is not shown when the connections answer %i", async (status) => {
    const api = bucketServer().on("GET /api/projects/2/cloud-storages", status, errorBody(status, "no"));
    const { container } = show(api);
    await waitFor(() => expect(api.seen("GET /api/projects/2/cloud-storages")).toHaveLength(1));
    await waitFor(() => expect(api.seen("GET /api/tasks/5")).toHaveLength(1));
    await answered();
    expect(container.querySelector("[data-testid=cloud-media]")).toBeNull();
  });

  it("says why the connections could not be loaded", async () => {
    const api = bucketServer().on("GET /api/projects/2/cloud-storages", 500, errorBody(500, "internal error"));
    show(api);
    expect((await screen.findByTestId("error-banner")).textContent).toContain("internal error");
  });

  it("points to the project page when no bucket is connected yet", async () => {
    show(bucketServer().on("GET /api/projects/2/cloud-storages", 200, []));
    const link = await screen.findByRole("link", { name: "Connect one on the project page." });
    expect(link.getAttribute("href")).toBe("/projects/2");
  });

  it("is not shown on a video task", async () => {
    const api = bucketServer().on("GET /api/tasks/5", 200, { ...TASK, media_kind: "video" });
    const { container } = show(api);
    await waitFor(() => expect(api.seen("GET /api/tasks/5")).toHaveLength(1));
    await answered();
    expect(container.querySelector("[data-testid=cloud-media]")).toBeNull();
  });
});
