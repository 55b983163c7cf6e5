import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ADA, FakeApi, renderApp } from "../../harness";
import { downloadedCsv } from "./support";
import { projectQuality } from "./fixtures";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

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
  label_count: 2,
  task_count: 1,
};

function dashboardApi(user = ADA) {
  return new FakeApi()
    .on("GET /api/auth/me", 200, user)
    .on("GET /api/projects/2", 200, project)
    .on("GET /api/projects/2/quality", 200, projectQuality());
}

describe("the project quality dashboard", () => {
  it("shows the project's precision, recall, F1 and mean IoU", async () => {
    renderApp("/projects/2/quality", dashboardApi());
    expect((await screen.findByTestId("quality-precision")).textContent).toContain("33.3%");
    expect(screen.getByTestId("quality-recall").textContent).toContain("33.3%");
    expect(screen.getByTestId("quality-f1").textContent).toContain("33.3%");
    expect(screen.getByTestId("quality-mean_iou").textContent).toContain("0.82");
  });

  it("draws F1 per job as bars and lists each job with a link to its report", async () => {
    renderApp("/projects/2/quality", dashboardApi());
    const chart = await screen.findByTestId("quality-jobs-chart");
    expect(chart.getAttribute("role")).toBe("img");
    expect(chart.querySelector("title")?.textContent).toBe("F1 score per job");
    const widths = [...chart.querySelectorAll(".quality-chart__bar")].map((bar) => Number(bar.getAttribute("width")));
    expect(widths[0]! / widths[1]!).toBeCloseTo(0.9 / 0.25);
    const rows = screen.getAllByTestId("quality-jobs-row");
    expect(rows.map((row) => within(row).getByRole("link").getAttribute("href"))).toEqual(["/jobs/7/quality", "/jobs/8/quality"]);
    expect(screen.getByTestId("quality-jobs-without-reference").textContent).toContain("Job 11");
  });

  it("shows a label with nothing to measure as a dash, not 0 %", async () => {
    renderApp("/projects/2/quality", dashboardApi());
    const person = (await screen.findAllByTestId("quality-labels-row"))[1]!;
    expect(person.querySelector('[data-column="recall"]')?.textContent).toBe("—");
    expect(person.querySelector('[data-column="precision"]')?.textContent).toBe("0.0%");
  });

  it("offers the per-job figures as a CSV file", async () => {
    renderApp("/projects/2/quality", dashboardApi());
    const link = await screen.findByTestId("quality-jobs-csv");
    expect(link.getAttribute("download")).toBe("project-2-jobs.csv");
    const csv = await downloadedCsv(link);
    expect(csv.split("\r\n")[0]).toBe("job_id,reference_job_id,task_id,assignee_id,flagged,reference,annotated,matched,wrong_label,missing,extra,precision,recall,f1,mean_iou");
    expect(csv.split("\r\n")[1]).toMatch(/^7,9,4,,0,3,3,1,1,1,1,0\.333\d*,0\.333\d*,0\.9,0\.818$/);
  });

  it("counts the conflicts by type", async () => {
    renderApp("/projects/2/quality", dashboardApi());
    const table = await screen.findByTestId("quality-conflict-types");
    expect(within(table).getByText("Missing object").closest("tr")?.textContent).toContain("1");
    expect(within(table).getByText("Low overlap").closest("tr")?.textContent).toContain("0");
  });

  it("asks again with the thresholds chosen, and keeps them in the URL", async () => {
    const api = dashboardApi();
    renderApp("/projects/2/quality", api);
    await screen.findByTestId("quality-headline");
    fireEvent.change(screen.getByTestId("quality-iou"), { target: { value: "0.7" } });
    fireEvent.click(screen.getByRole("button", { name: "Apply" }));
    await waitFor(() => expect(api.seen("GET /api/projects/2/quality")).toHaveLength(2));
    const query = new URL(api.seen("GET /api/projects/2/quality")[1]!.url).searchParams;
    expect(query.get("iou_threshold")).toBe("0.7");
    expect(query.get("low_overlap_threshold")).toBe("0.8");
    expect(screen.getByTestId("location").textContent).toBe("/projects/2/quality?iou=0.7&low=0.8");
  });

  it("leaves the thresholds to the project's settings until someone picks them", async () => {
    const api = dashboardApi();
    renderApp("/projects/2/quality", api);
    await screen.findByTestId("quality-headline");
    expect(new URL(api.seen("GET /api/projects/2/quality")[0]!.url).search).toBe("");
    expect((screen.getByTestId("quality-iou") as HTMLInputElement).value).toBe("0.5");
  });

  it("shows the server's refusal of a threshold with the field it names", async () => {
    const api = dashboardApi().on("GET /api/projects/2/quality", 422, {
      ok: false,
      status: 422,
      errors: [{ loc: ["query", "iou_threshold"], msg: "must be in (0, 1], got 1.5", type: "value_error" }],
    });
    renderApp("/projects/2/quality?iou=1.5", api);
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("iou_threshold");
    expect(banner.textContent).toContain("must be in (0, 1], got 1.5");
  });

  it("reads in French", async () => {
    renderApp("/projects/2/quality", dashboardApi({ ...ADA, locale: "fr" }), { locale: "fr" });
    expect((await screen.findByTestId("quality-precision")).textContent).toMatch(/^Précision33,3[\u00a0\u202f]%$/);
    expect(screen.getByTestId("quality-jobs-chart").querySelector("title")?.textContent).toBe("Score F1 par lot");
  });

  it("is linked from the project page", async () => {
    renderApp(
      "/projects/2",
      dashboardApi()
        .on("GET /api/projects/2/labels", 200, [])
        .on("GET /api/tasks", 200, { items: [], count: 0, page: 1, page_size: 20 }),
    );
    expect((await screen.findByTestId("project-quality-link")).getAttribute("href")).toBe("/projects/2/quality");
  });
});
