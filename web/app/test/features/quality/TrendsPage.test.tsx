import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ADA, FakeApi, renderApp } from "../../harness";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const base = "/api/projects/2/quality/trends";
const accuracy = {
  project_id: 2,
  bucket: "week",
  annotators: [
    { user_id: 3, username: "bea", points: [{ period: "2026-11-02", accuracy: 0.6, jobs: 1, events: 1 }, { period: "2026-11-09", accuracy: 0.9, jobs: 2, events: 2 }] },
    { user_id: 4, username: "cy", points: [{ period: "2026-11-09", accuracy: 0.4, jobs: 1, events: 1 }] },
  ],
};
const point = { period: "2026-11-09", active_seconds: 7200, objects_created: 30, objects_edited: 10, objects_per_hour: 20 };
const rework = {
  project_id: 2,
  project: { jobs: 4, reworked_jobs: 1, rework_rate: 0.25, rejections: 1, mean_rounds: 1.25, max_rounds: 2, rounds: [] },
  annotators: [{ user_id: 3, username: "bea", jobs: 4, reworked_jobs: 1, rework_rate: 0.25, rejections: 1, mean_rounds: 1.25, max_rounds: 2, rounds: [] }],
};
const agreement = { project_id: 2, jobs: 1, frames: 3, mean_agreement: 0.7, bins: [{ low: 0.6, high: 0.7, frames: 1 }, { low: 0.7, high: 0.8, frames: 2 }] };

function trendsApi() {
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/projects/2", 200, { id: 2, name: "Street" })
    .on(`GET ${base}/accuracy`, 200, accuracy)
    .on(`GET ${base}/throughput`, 200, { project_id: 2, bucket: "week", annotators: [], project: [point] })
    .on(`GET ${base}/rework`, 200, rework)
    .on(`GET ${base}/agreement`, 200, agreement);
}

describe("the quality trends page", () => {
  it("draws each annotator's accuracy over the weeks, with the same figures in a table", async () => {
    renderApp("/projects/2/quality/trends", trendsApi());
    const chart = await screen.findByTestId("quality-trend-accuracy-chart");
    const bea = chart.querySelector('[data-series="3"]')!;
    expect([...bea.querySelectorAll("circle")].map((c) => c.getAttribute("data-value"))).toEqual(["0.6", "0.9"]);
    expect(chart.querySelector('[data-series="4"] path')?.getAttribute("d")).toMatch(/^M [\d.]+ [\d.]+$/);
    const rows = screen.getByTestId("quality-trend-accuracy").querySelectorAll("tbody tr");
    expect([...rows].map((r) => r.textContent)).toEqual(["bea60.0%90.0%", "cy—40.0%"]);
  });

  it("shows throughput, rework and the agreement spread", async () => {
    renderApp("/projects/2/quality/trends", trendsApi());
    expect((await screen.findByTestId("quality-trend-throughput")).textContent).toContain("Nov 92.0301020.0");
    expect(screen.getByTestId("quality-trend-rework").textContent).toContain("25.0%");
    expect(screen.getByRole("heading", { name: "Consensus agreement (1 jobs, 3 frames, mean 70.0%)" })).toBeTruthy();
  });

  it("asks per day once chosen, and exports each figure per day", async () => {
    const api = trendsApi();
    renderApp("/projects/2/quality/trends", api);
    fireEvent.change(await screen.findByTestId("quality-trend-bucket"), { target: { value: "day" } });
    await waitFor(() => expect(api.seen(`GET ${base}/accuracy`)).toHaveLength(2));
    expect(new URL(api.seen(`GET ${base}/accuracy`)[1]!.url).searchParams.get("bucket")).toBe("day");
    expect(screen.getByTestId("quality-trend-export-accuracy").getAttribute("href")).toBe("/api/projects/2/quality/trends.csv?figure=accuracy&bucket=day");
  });
});
