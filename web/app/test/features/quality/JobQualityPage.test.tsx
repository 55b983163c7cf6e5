import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ADA, FakeApi, renderApp } from "../../harness";
import { downloadedCsv } from "./support";
import { jobReport } from "./fixtures";

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
  media_count: 3,
  job_count: 2,
};

function reportApi() {
  return new FakeApi().on("GET /api/auth/me", 200, ADA).on("POST /api/quality/reports", 200, jobReport()).on("GET /api/tasks/4", 200, task);
}

describe("a job's quality report", () => {
  it("asks for the job's report with the frames that have conflicts", async () => {
    const api = reportApi();
    renderApp("/jobs/7/quality", api);
    await screen.findByTestId("quality-conflicts");
    expect(await api.seen("POST /api/quality/reports")[0]!.clone().json()).toEqual({
      job_id: 7,
      frames: "with_conflicts",
    });
  });

  it("lists the conflicts frame by frame, in frame order", async () => {
    renderApp("/jobs/7/quality", reportApi());
    const frames = await screen.findAllByTestId("quality-frame");
    expect(frames.map((f) => f.getAttribute("data-frame"))).toEqual(["1", "2"]);
    expect(within(frames[0]!).getAllByTestId("quality-conflict").map((c) => c.getAttribute("data-type"))).toEqual(["missing_object", "extra_object"]);
    expect(frames[1]!.textContent).toContain("car · annotated as person");
  });

  it("links each conflict to its frame and object in the workspace", async () => {
    renderApp("/jobs/7/quality", reportApi());
    const frames = await screen.findAllByTestId("quality-frame");
    const [missing, extra] = within(frames[0]!).getAllByTestId("quality-conflict-link");
    expect(missing!.getAttribute("href")).toBe("/jobs/7?frame=1");
    expect(extra!.getAttribute("href")).toBe("/jobs/7?frame=1&object=a3");
    expect(within(frames[0]!).getByTestId("quality-conflict-reference").getAttribute("href")).toBe("/jobs/9?frame=1&object=r3");
  });

  it("leads back to the project's dashboard", async () => {
    renderApp("/jobs/7/quality", reportApi());
    expect((await screen.findByTestId("quality-project-link")).getAttribute("href")).toBe("/projects/2/quality");
  });

  it("offers the conflicts as a CSV file", async () => {
    renderApp("/jobs/7/quality", reportApi());
    const link = await screen.findByTestId("quality-conflicts-csv");
    const lines = (await downloadedCsv(link)).split("\r\n");
    expect(lines[0]).toBe("frame,type,severity,annotation_id,reference_id,label_id,annotated_label_id,similarity,attributes,link");
    expect(lines.slice(1, 4)).toEqual([
      "1,missing_object,error,,r3,5,,,,/jobs/7?frame=1",
      "1,extra_object,error,a3,,5,,,,/jobs/7?frame=1&object=a3",
      "2,wrong_label,error,a2,r2,5,6,,,/jobs/7?frame=2&object=a2",
    ]);
  });

  it("says so when the job has no ground truth", async () => {
    const api = reportApi().on("POST /api/quality/reports", 422, {
      ok: false,
      status: 422,
      errors: [{ loc: ["body", "reference_job_id"], msg: "job 7 has no ground-truth job covering its frames: give reference_job_id", type: "no_reference" }],
    });
    renderApp("/jobs/7/quality", api);
    expect((await screen.findByTestId("error-banner")).textContent).toContain("no ground-truth job");
  });
});

describe("a job's quality report header", () => {
  it("says which ground truth it was compared with and on how many frames", async () => {
    renderApp("/jobs/7/quality", reportApi());
    expect((await screen.findByTestId("quality-reference")).textContent).toBe(
      "Compared with ground-truth job 9 on 3 frames, between frames 0 and 2.",
    );
    expect(screen.getByTestId("quality-consensus-link").getAttribute("href")).toBe("/jobs/7/consensus");
  });
});

describe("a long job's conflict list", () => {
  it("shows the first hundred frames, then a hundred more on request, the CSV holding them all", async () => {
    const report = jobReport();
    const template = report.frames[0]!;
    report.frames = Array.from({ length: 150 }, (_, frame) => ({ ...template, frame, conflicts: template.conflicts.map((c) => ({ ...c, frame })) }));
    renderApp("/jobs/7/quality", reportApi().on("POST /api/quality/reports", 200, report));
    expect(await screen.findAllByTestId("quality-frame")).toHaveLength(100);
    const csv = await downloadedCsv(screen.getByTestId("quality-conflicts-csv"));
    expect(csv.trim().split("\r\n")).toHaveLength(151);
    fireEvent.click(screen.getByTestId("quality-conflicts-more"));
    expect(screen.getAllByTestId("quality-frame")).toHaveLength(150);
    expect(screen.queryByTestId("quality-conflicts-more")).toBeNull();
  });
});
