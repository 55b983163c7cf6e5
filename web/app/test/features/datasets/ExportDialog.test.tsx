import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ADA, errorBody } from "../../harness";
import { EXPORTED, job } from "./jobs";
import { datasetsApi, LiveJob, renderActions } from "./render";

const SLOW = { timeout: 3000 };

afterEach(cleanup);

/** Opens the dialog and waits for its form (it needs the server's formats). */
async function openExport() {
  fireEvent.click(screen.getByTestId("datasets-export"));
  await screen.findByTestId("export-form");
  return screen.getByRole("dialog", { name: "Export the project" });
}

describe("the export dialog", () => {
  it("starts on COCO and says what each format carries", async () => {
    renderActions(datasetsApi());
    await openExport();
    const format = screen.getByTestId("export-format") as HTMLSelectElement;
    expect(format.value).toBe("coco");
    expect(document.activeElement).toBe(format);
    expect(screen.getByTestId("export-carries").textContent).toBe(
      "Carries: Ellipse, Mask, Polygon, Rectangle, Skeleton; attributes, subsets, image files",
    );
    fireEvent.change(format, { target: { value: "mot" } });
    expect(screen.getByTestId("export-carries").textContent).toBe("Carries: Rectangle; tracks, attributes, image files");
  });

  it("asks for the chosen format, images, annotated frames only and one task", async () => {
    const api = datasetsApi().on("POST /api/projects/2/exports", 202, job({ id: 12, kind: "export" }));
    renderActions(api);
    await openExport();
    fireEvent.change(screen.getByTestId("export-format"), { target: { value: "voc" } });
    fireEvent.click(screen.getByTestId("export-with-images"));
    fireEvent.click(screen.getByTestId("export-annotated-only"));
    await screen.findByRole("option", { name: "Batch 2" });
    fireEvent.change(screen.getByTestId("export-task"), { target: { value: "5" } });
    fireEvent.click(screen.getByTestId("export-submit"));

    await waitFor(() => expect(api.seen("POST /api/projects/2/exports")).toHaveLength(1));
    const request = api.seen("POST /api/projects/2/exports")[0]!;
    expect(request.headers.get("X-CSRF-Token")).toBe("csrf-token");
    expect(await request.json()).toEqual({
      format: "voc",
      with_images: true,
      annotated_only: true,
      task_id: 5,
      options: {},
    });
  });

  it("offers the chosen format's export options with their defaults, and sends those filled in", async () => {
    const api = datasetsApi().on("POST /api/projects/2/exports", 202, job({ id: 12, kind: "export" }));
    renderActions(api);
    await openExport();
    expect(screen.queryByTestId("format-options")).toBeNull();
    fireEvent.change(screen.getByTestId("export-format"), { target: { value: "voc" } });
    const layout = screen.getByTestId("option-layout") as HTMLSelectElement;
    expect([...layout.options].map((o) => o.textContent)).toEqual(["Default: full", "full", "flat"]);
    fireEvent.change(layout, { target: { value: "flat" } });
    fireEvent.click(screen.getByTestId("export-submit"));
    await waitFor(() => expect(api.seen("POST /api/projects/2/exports")).toHaveLength(1));
    expect(await api.seen("POST /api/projects/2/exports")[0]!.json()).toMatchObject({ format: "voc", options: { layout: "flat" } });
  });

  it("exports the whole project unless a task is chosen", async () => {
    const api = datasetsApi().on("POST /api/projects/2/exports", 202, job({ id: 12, kind: "export" }));
    renderActions(api);
    await openExport();
    fireEvent.click(screen.getByTestId("export-submit"));
    await waitFor(() => expect(api.seen("POST /api/projects/2/exports")).toHaveLength(1));
    expect(await api.seen("POST /api/projects/2/exports")[0]!.json()).toEqual({
      format: "coco",
      with_images: false,
      annotated_only: false,
      task_id: null,
      options: {},
    });
  });

  it("follows the export to its end and offers its zip to download", async () => {
    const running = job({ id: 12, kind: "export", status: "running", progress: 0.5, message: "3 of 6 items written" });
    const live = new LiveJob(running);
    const api = datasetsApi()
      .on("POST /api/projects/2/exports", 202, job({ id: 12, kind: "export" }))
      .on("GET /api/background-jobs/12", 200, live.answer);
    renderActions(api);
    await openExport();
    fireEvent.click(screen.getByTestId("export-submit"));

    await waitFor(() => expect(screen.getByTestId("transfer-status").textContent).toBe("Running 3 of 6 items written"), SLOW);
    live.now = EXPORTED;
    const summary = await screen.findByTestId("export-summary", {}, SLOW);
    const link = within(summary).getByTestId("export-download");
    expect(link.getAttribute("href")).toBe("/api/background-jobs/12/download");
    expect(link.getAttribute("download")).toBe("Street-coco.zip");
    expect(link.textContent).toBe("Download Street-coco.zip");
    expect(summary.textContent).toContain("1.5 MB");
    expect(summary.textContent).toContain("Items: 6");
    expect(summary.textContent).toContain("Left out, as the format cannot hold them: Polyline (2)");
  });

  it("keeps focus inside when the form gives way to the progress, so Escape still closes it", async () => {
    const running = job({ id: 12, kind: "export", status: "running", progress: 0.1 });
    renderActions(datasetsApi().on("POST /api/projects/2/exports", 202, running).on("GET /api/background-jobs/12", 200, running));
    const dialog = await openExport();
    screen.getByTestId("export-submit").focus();
    fireEvent.click(screen.getByTestId("export-submit"));
    await screen.findByTestId("transfer-progress");
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(document.body, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("shows why the server refused to start it", async () => {
    const refusal = errorBody(422, "unknown format 'x'", ["body", "format"]);
    renderActions(datasetsApi().on("POST /api/projects/2/exports", 422, refusal));
    await openExport();
    fireEvent.click(screen.getByTestId("export-submit"));
    expect((await screen.findByTestId("transfer-refused")).textContent).toContain("format: unknown format 'x'");
  });

  it("runs on its own while an import runs too", async () => {
    const running = job({ id: 12, kind: "export", status: "running", progress: 0.5, message: "3 of 6 items written" });
    const api = datasetsApi()
      .on("POST /api/projects/2/exports", 202, running)
      .on("GET /api/background-jobs/12", 200, running);
    renderActions(api);
    await openExport();
    fireEvent.click(screen.getByTestId("export-submit"));
    await screen.findByTestId("transfer-progress");
    fireEvent.keyDown(screen.getByRole("dialog"), { key: "Escape" });
    fireEvent.click(screen.getByTestId("datasets-import"));
    expect(await screen.findByTestId("import-form")).toBeTruthy();
    expect(screen.getByTestId("datasets-export").textContent).toBe("Export dataset50 %");
  });

  it("says what a format carries in French to a French reader", async () => {
    renderActions(datasetsApi().on("GET /api/auth/me", 200, { ...ADA, locale: "fr" }), { locale: "fr" });
    fireEvent.click(screen.getByTestId("datasets-export"));
    expect((await screen.findByTestId("export-carries")).textContent).toBe(
      "Contient\u00a0: Ellipse, Masque, Polygone, Rectangle, Squelette\u00a0; attributs, sous-ensembles, fichiers image",
    );
  });
});
