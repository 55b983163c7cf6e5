import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ADA, FakeApi, renderApp } from "../../harness";
import { annotators, projectQuality, reviewQueue, rules } from "./fixtures";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function managerApi() {
  const quality = projectQuality();
  quality.jobs[1]!.flagged = true;
  quality.jobs[1]!.assignee_id = 4;
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/projects/2", 200, { id: 2, name: "Street" })
    .on("GET /api/projects/2/quality", 200, quality)
    .on("GET /api/projects/2/quality/settings", 200, rules())
    .on("GET /api/projects/2/quality/annotators", 200, annotators())
    .on("GET /api/projects/2/quality/tasks", 200, [])
    .on("GET /api/projects/2/quality/review", 200, reviewQueue())
    .on("GET /api/projects/2/members", 200, [
      { user_id: 3, username: "bea", role: "annotator" },
      { user_id: 4, username: "cy", role: "annotator" },
    ]);
}

describe("the quality dashboard of a project's manager", () => {
  it("marks the jobs below the review threshold, with who did them", async () => {
    renderApp("/projects/2/quality", managerApi());
    const rows = await screen.findAllByTestId("quality-jobs-row");
    expect(rows.map((r) => r.getAttribute("data-flagged"))).toEqual([null, "true"]);
    expect(rows[1]!.textContent).toContain("cy");
    expect(rows[1]!.textContent).toContain("To review");
  });

  it("draws each annotator's F1 and names them", async () => {
    renderApp("/projects/2/quality", managerApi());
    const chart = await screen.findByTestId("quality-annotators-chart");
    expect([...chart.querySelectorAll(".quality-chart__row")].map((row) => row.getAttribute("data-value"))).toEqual(["0.9", "0.25"]);
    const rows = screen.getAllByTestId("quality-annotators-row");
    expect(rows.map((r) => within(r).getByRole("rowheader").textContent)).toEqual(["bea", "cy"]);
    expect(within(rows[0]!).getByRole("link").getAttribute("href")).toBe("/users/3/certificates");
  });

  it("lists what needs review, each opening in the workspace", async () => {
    renderApp("/projects/2/quality", managerApi());
    const review = await screen.findByTestId("quality-review");
    expect(review.textContent).toContain("Jobs below 60.0% (F1), worst first.");
    expect(within(screen.getByTestId("quality-review-jobs")).getByText("Job 8").getAttribute("href")).toBe("/jobs/8/quality");
    expect(screen.getByTestId("quality-review-frame-link").getAttribute("href")).toBe("/jobs/12?frame=5");
  });

  it("offers the server's CSV exports", async () => {
    renderApp("/projects/2/quality", managerApi());
    expect((await screen.findByTestId("quality-export-annotator")).getAttribute("href")).toBe("/api/projects/2/quality.csv?by=annotator");
    expect(screen.getByTestId("quality-tab-settings").getAttribute("href")).toBe("/projects/2/quality/settings");
  });

  it("shows a project viewer neither the managers' sections nor their tabs", async () => {
    const api = managerApi().on("GET /api/projects/2/quality/settings", 403, { ok: false, status: 403, errors: [{ loc: [], msg: "no", type: "forbidden" }] });
    renderApp("/projects/2/quality", api);
    await screen.findAllByTestId("quality-jobs-row");
    expect(screen.queryByTestId("quality-exports")).toBeNull();
    expect(screen.queryByTestId("quality-tab-settings")).toBeNull();
    expect(screen.queryByTestId("quality-review")).toBeNull();
    expect(api.seen("GET /api/projects/2/quality/annotators")).toHaveLength(0);
  });
});
