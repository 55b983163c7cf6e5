import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { agreementHistogram, readReplicas } from "../../../src/features/quality/consensus/agreement";
import type { Consensus } from "../../../src/features/quality/controlApi";
import { ADA, FakeApi, renderApp } from "../../harness";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe("agreementHistogram", () => {
  it("counts the frames in each tenth, 100 % in the last one", () => {
    const bins = agreementHistogram([0, 0.05, 0.31, 0.99, 1]);
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => b.frames)).toEqual([2, 0, 0, 1, 0, 0, 0, 0, 0, 2]);
    expect(bins[3]).toMatchObject({ from: 0.3, to: 0.4 });
  });
});

describe("readReplicas", () => {
  it("takes a whole number from 2 to 11 only", () => {
    expect(["2", "11", "1", "12", "3.5", ""].map(readReplicas)).toEqual([2, 11, null, null, null, null]);
  });
});

const none: Consensus = { job_id: 7, replicas: [], merge: null, frames: [] };
const replicated: Consensus = {
  job_id: 7,
  replicas: [20, 21, 22].map((id, i) => ({ job_id: id, assignee_id: i === 0 ? 3 : null, stage: "annotation", state: "completed" })),
  merge: { replicas: 3, objects: 12, mean_agreement: 0.8, merged_by: 1, merged_at: "2026-11-26T12:00:00Z" },
  frames: [
    { frame: 0, agreement: 0.95, objects: 4, flagged: false, link: "/jobs/7?frame=0" },
    { frame: 1, agreement: 0.2, objects: 5, flagged: true, link: "/jobs/7?frame=1" },
  ],
};

function consensusApi(status: Consensus) {
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/jobs/7/consensus", 200, status)
    .on("GET /api/jobs/7", 200, { id: 7, task_id: 4 })
    .on("GET /api/tasks/4", 200, { id: 4, project_id: 2, name: "Batch 1" })
    .on("GET /api/projects/2/members", 200, [{ user_id: 3, username: "bea", role: "annotator" }]);
}

describe("the consensus page", () => {
  it("replicates a job to k annotators, each replica assigned as chosen", async () => {
    const api = consensusApi(none).on("POST /api/jobs/7/consensus", 201, { ...replicated, merge: null, frames: [] });
    renderApp("/jobs/7/consensus", api);
    fireEvent.change(await screen.findByTestId("quality-consensus-k"), { target: { value: "3" } });
    await waitFor(() => expect(screen.getAllByTestId("quality-consensus-assignee")).toHaveLength(3));
    fireEvent.change(screen.getAllByTestId("quality-consensus-assignee")[0]!, { target: { value: "3" } });
    fireEvent.click(screen.getByTestId("quality-consensus-replicate"));
    expect((await screen.findByTestId("quality-consensus-replicas")).textContent).toContain("bea");
    expect(await api.seen("POST /api/jobs/7/consensus")[0]!.clone().json()).toEqual({ replicas: 3, assignees: [3] });
  });

  it("refuses k outside 2 to 11 without asking the server", async () => {
    const api = consensusApi(none);
    renderApp("/jobs/7/consensus", api);
    fireEvent.change(await screen.findByTestId("quality-consensus-k"), { target: { value: "12" } });
    fireEvent.click(screen.getByTestId("quality-consensus-replicate"));
    expect((await screen.findByTestId("quality-consensus-k-problem")).textContent).toBe("A whole number from 2 to 11.");
    expect(api.seen("POST /api/jobs/7/consensus")).toHaveLength(0);
  });

  it("shows the agreement spread and links the low-agreement frames into the workspace", async () => {
    renderApp("/jobs/7/consensus", consensusApi(replicated));
    const chart = await screen.findByTestId("quality-consensus-histogram");
    const values = [...chart.querySelectorAll(".quality-chart__row")].map((r) => r.getAttribute("data-value"));
    expect(values[2]).toBe("1");
    expect(values[9]).toBe("1");
    const links = screen.getAllByTestId("quality-consensus-frame-link");
    expect(links.map((l) => l.getAttribute("href"))).toEqual(["/jobs/7?frame=1"]);
  });

  it("merges the replicas on request", async () => {
    const api = consensusApi({ ...replicated, merge: null, frames: [] }).on("POST /api/jobs/7/consensus/merge", 200, replicated);
    renderApp("/jobs/7/consensus", api);
    fireEvent.click(await screen.findByTestId("quality-consensus-merge"));
    expect((await screen.findByTestId("quality-consensus-merged")).textContent).toContain("12 objects, mean agreement 80.0%");
  });
});
