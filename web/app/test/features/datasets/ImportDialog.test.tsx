import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ADA, errorBody } from "../../harness";
import { IMPORTED, job, REFUSED } from "./jobs";
import { datasetsApi, LiveJob, renderActions, UploadXhr } from "./render";

const SLOW = { timeout: 3000 };

beforeEach(() => {
  vi.stubGlobal("XMLHttpRequest", UploadXhr);
  document.cookie = "annota_csrf=csrf-token";
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  UploadXhr.last = null;
});

/** Opens the dialog and waits for its form (it needs the server's formats). */
async function openImport() {
  fireEvent.click(screen.getByTestId("datasets-import"));
  await screen.findByTestId("import-form");
  return screen.getByRole("dialog", { name: "Import a dataset" });
}

function chooseAndSubmit(name = "cars.zip") {
  fireEvent.change(screen.getByTestId("import-file"), { target: { files: [new File(["zip bytes"], name)] } });
  fireEvent.click(screen.getByTestId("import-submit"));
  return UploadXhr.last!;
}

describe("the import dialog", () => {
  it("is a labelled modal dialog that starts on its first field", async () => {
    renderActions(datasetsApi());
    const dialog = await openImport();
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(document.activeElement).toBe(screen.getByTestId("import-file"));
  });

  it("keeps Tab inside itself, and closes on Escape giving focus back to its button", async () => {
    renderActions(datasetsApi());
    const button = screen.getByTestId("datasets-import");
    button.focus();
    const dialog = await openImport();
    const close = screen.getByTestId("datasets-close");
    const submit = screen.getByTestId("import-submit") as HTMLButtonElement;
    expect(submit.disabled).toBe(true); // no file yet: the last focusable is the last radio
    const radios = within(dialog).getAllByRole("radio");
    radios[radios.length - 1]!.focus();
    fireEvent.keyDown(document.activeElement!, { key: "Tab" });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(radios[radios.length - 1]);

    fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("uploads the file with its forced format and task name, showing the bytes sent", async () => {
    renderActions(datasetsApi());
    await openImport();
    fireEvent.change(screen.getByTestId("import-format"), { target: { value: "coco" } });
    fireEvent.change(screen.getByTestId("import-task-name"), { target: { value: "Night shots" } });
    const xhr = chooseAndSubmit("a.json");

    expect([xhr.method, xhr.url]).toEqual(["POST", "/api/projects/2/imports"]);
    expect(xhr.headers["X-CSRF-Token"]).toBe("csrf-token");
    expect((xhr.body?.get("file") as File).name).toBe("a.json");
    expect(xhr.body?.get("format")).toBe("coco");
    expect(xhr.body?.get("task_name")).toBe("Night shots");
    act(() => xhr.upload.onprogress?.({ loaded: 30, total: 120, lengthComputable: true }));
    expect(screen.getByTestId("transfer-status").textContent).toBe("Uploading the file");
    expect(screen.getByTestId("transfer-progress").getAttribute("value")).toBe("25");
  });

  it("lets the server detect the format and name the task when the person leaves both", async () => {
    renderActions(datasetsApi());
    await openImport();
    const xhr = chooseAndSubmit();
    expect(xhr.body?.has("format")).toBe(false);
    expect(xhr.body?.has("task_name")).toBe(false);
  });

  it("offers the forced format's import options and sends those filled in", async () => {
    renderActions(datasetsApi());
    await openImport();
    expect(screen.queryByTestId("format-options")).toBeNull(); // a detected format takes its defaults
    fireEvent.change(screen.getByTestId("import-format"), { target: { value: "label_studio" } });
    expect(screen.getByTestId("format-options").textContent).toContain("the data key naming the media");
    expect(screen.getByTestId("option-data_key").getAttribute("placeholder")).toBe("Decided from the data");
    fireEvent.change(screen.getByTestId("option-data_key"), { target: { value: "img" } });
    fireEvent.change(screen.getByTestId("option-frame_width"), { target: { value: "640" } });
    expect(JSON.parse(chooseAndSubmit().body?.get("options") as string)).toEqual({ data_key: "img", frame_width: 640 });
  });

  it("shows where the server found a bad option", async () => {
    renderActions(datasetsApi());
    await openImport();
    fireEvent.change(screen.getByTestId("import-format"), { target: { value: "label_studio" } });
    fireEvent.change(screen.getByTestId("option-data_key"), { target: { value: "nope" } });
    const refusal = errorBody(422, "no such data key in the tasks", ["body", "options", "data_key"]);
    act(() => chooseAndSubmit().answer(422, refusal));
    expect((await screen.findByTestId("transfer-refused")).textContent).toContain("options.data_key: no such data key in the tasks");
  });

  it("extends an existing task when one is chosen", async () => {
    renderActions(datasetsApi());
    await openImport();
    fireEvent.click(screen.getByTestId("import-target-existing"));
    fireEvent.change(await screen.findByTestId("import-task"), { target: { value: "Batch 2" } });
    expect(chooseAndSubmit().body?.get("task_name")).toBe("Batch 2");
  });

  it("follows the job to its end, then sums up what came in and tells the page", async () => {
    const running = job({ status: "running", progress: 0.5, message: "2 items read" });
    const live = new LiveJob(running);
    const api = datasetsApi().on("GET /api/background-jobs/9", 200, live.answer);
    const onImported = vi.fn();
    renderActions(api, { onImported });
    await openImport();
    act(() => chooseAndSubmit().answer(202, job()));

    await waitFor(() => expect(screen.getByTestId("transfer-status").textContent).toBe("Running 2 items read"), SLOW);
    expect(screen.getByTestId("transfer-progress").getAttribute("value")).toBe("50");
    live.now = IMPORTED;
    const summary = await screen.findByTestId("import-summary", {}, SLOW);
    expect(screen.getByTestId("import-media").textContent).toBe("Images: 4");
    expect(screen.getByTestId("import-objects").textContent).toBe("Objects: 3");
    expect(screen.getByTestId("import-labels").textContent).toBe("Labels created: car, person");
    expect(within(summary).getByRole("link", { name: "Street" }).getAttribute("href")).toBe("/tasks/31");
    expect(summary.textContent).toContain("Format: coco (detected, 90 % sure)");
    expect(onImported).toHaveBeenCalledTimes(1);
    expect(onImported.mock.calls[0]![0]).toMatchObject({ id: 9, status: "succeeded" });
    expect(screen.queryByTestId("transfer-cancel")).toBeNull();
  });

  it("shows every located problem of a refused dataset, and that nothing was imported", async () => {
    const onImported = vi.fn();
    renderActions(datasetsApi().on("GET /api/background-jobs/9", 200, REFUSED), { onImported });
    await openImport();
    act(() => chooseAndSubmit().answer(202, job()));

    const problems = await screen.findByTestId("transfer-problems", {}, SLOW);
    expect(within(problems).getAllByTestId("transfer-problem").map((p) => p.textContent)).toEqual([
      "instances.json: annotations[7].bbox: expected 4 numbers, got 3",
      "labels/a.txt:3: class 9 is not in obj.names",
    ]);
    expect(problems.textContent).toContain("Problems found: 2");
    expect(problems.textContent).toContain("Nothing was imported.");
    expect(onImported).not.toHaveBeenCalled();
  });

  it("shows the warnings of an import that went through", async () => {
    const warnings = [
      { loc: ["a.json", "flags"], msg: "ignored", count: 1 },
      { loc: ["b.json", "shapes", 0], msg: "group_id dropped", count: 3 },
    ];
    const warned = { ...IMPORTED, result: { ...IMPORTED.result, warnings } };
    renderActions(datasetsApi().on("GET /api/background-jobs/9", 200, warned));
    await openImport();
    act(() => chooseAndSubmit().answer(202, job()));
    const shown = await screen.findByTestId("transfer-warnings", {}, SLOW);
    expect(within(shown).getAllByTestId("transfer-warning").map((w) => w.textContent)).toEqual([
      "a.json: flags: ignored",
      "b.json: shapes[0]: group_id dropped (3 times, first here)",
    ]);
    expect(shown.textContent).toContain("Warnings: 2");
  });

  it("shows the server's reason when the upload itself is refused", async () => {
    renderActions(datasetsApi());
    await openImport();
    act(() => chooseAndSubmit().answer(413, errorBody(413, "the file is larger than the limit", ["body", "file"])));
    const refused = await screen.findByTestId("transfer-refused");
    expect(refused.textContent).toContain("file: the file is larger than the limit");
    fireEvent.click(screen.getByTestId("transfer-again"));
    expect(screen.getByTestId("import-form")).toBeTruthy();
  });

  it("stops the upload on cancel and goes back to the form", async () => {
    renderActions(datasetsApi());
    await openImport();
    const xhr = chooseAndSubmit();
    fireEvent.click(screen.getByTestId("transfer-cancel"));
    expect(xhr.aborted).toBe(true);
    expect(await screen.findByTestId("import-form")).toBeTruthy();
  });

  it("asks the server to cancel a running job and shows it cancelled", async () => {
    const running = job({ status: "running", progress: 0.2, message: "1 items read" });
    const cancelled = job({ status: "cancelled", progress: 0.2, cancel_requested: true, message: "cancelled" });
    const live = new LiveJob(running);
    const api = datasetsApi()
      .on("GET /api/background-jobs/9", 200, live.answer)
      .on("POST /api/background-jobs/9/cancel", 200, { ...running, cancel_requested: true });
    renderActions(api);
    await openImport();
    act(() => chooseAndSubmit().answer(202, running));
    await waitFor(() => expect(screen.getByTestId("transfer-status").textContent).toBe("Running 1 items read"));
    fireEvent.click(screen.getByTestId("transfer-cancel"));
    await waitFor(() => expect(api.seen("POST /api/background-jobs/9/cancel")).toHaveLength(1));
    expect(screen.getByTestId("transfer-cancel").textContent).toBe("Cancelling");
    live.now = cancelled;
    await waitFor(() => expect(screen.getByTestId("transfer-status").textContent).toBe("Cancelled cancelled"), SLOW);
  });

  it("keeps a running job going when closed, shows its progress on the button, and shows it again on reopening", async () => {
    const running = job({ status: "running", progress: 0.4, message: "4 items read" });
    renderActions(datasetsApi().on("GET /api/background-jobs/9", 200, running));
    await openImport();
    act(() => chooseAndSubmit().answer(202, job()));
    fireEvent.click(screen.getByTestId("datasets-close"));
    expect(screen.queryByRole("dialog")).toBeNull();
    await waitFor(() => expect(screen.getByTestId("datasets-import").textContent).toBe("Import dataset40 %"), SLOW);
    fireEvent.click(screen.getByTestId("datasets-import"));
    expect(screen.getByTestId("transfer-status").textContent).toBe("Running 4 items read");
  });

  it("lists the project's recent imports, and shows one when asked", async () => {
    const api = datasetsApi().on("GET /api/background-jobs", 200, { items: [REFUSED], count: 1, page: 1, page_size: 5 });
    renderActions(api);
    await openImport();
    const row = await screen.findByTestId("recent-job");
    expect(row.textContent).toContain("#9");
    expect(row.textContent).toContain("Failed");
    const query = new URL(api.seen("GET /api/background-jobs")[0]!.url).searchParams;
    expect([query.get("project_id"), query.get("kind"), query.get("sort")]).toEqual(["2", "import", "-id"]);
    fireEvent.click(within(row).getByRole("button", { name: "Show" }));
    expect((await screen.findAllByTestId("transfer-problem")).length).toBe(2);
  });

  it("speaks French to a French reader", async () => {
    renderActions(datasetsApi().on("GET /api/auth/me", 200, { ...ADA, locale: "fr" }), { locale: "fr" });
    fireEvent.click(screen.getByTestId("datasets-import"));
    expect(await screen.findByRole("dialog", { name: "Importer un jeu de données" })).toBeTruthy();
    await screen.findByTestId("import-form");
    expect(screen.getByTestId("import-submit").textContent).toBe("Importer");
  });
});
