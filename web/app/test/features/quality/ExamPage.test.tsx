import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { Exam, ExamAttempt } from "../../../src/features/quality/examApi";
import { ADA, FakeApi, renderApp } from "../../harness";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function attempt(number: number, state: ExamAttempt["state"], score: number | null, skills: Record<string, number> = {}): ExamAttempt {
  return {
    id: number,
    exam_id: 9,
    user_id: ADA.id,
    number,
    state,
    job_ids: [30 + number],
    pass_score: 0.8,
    score,
    skills,
    started_at: "2026-11-26T10:00:00Z",
    finished_at: state === "in_progress" ? null : "2026-11-26T11:00:00Z",
  };
}

function standing(attempts: ExamAttempt[], passed = false): Exam {
  return { exam_id: 9, name: "Box exam", pass_score: 0.8, max_attempts: 3, attempts_left: 3 - attempts.length, passed, attempts };
}

const forbidden = { ok: false, status: 403, errors: [{ loc: [], msg: "no", type: "forbidden" }] };

function examApi(exam: Exam) {
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/projects/9/exam", 200, exam)
    .on("GET /api/projects/9/exam/attempts", 403, forbidden)
    .on("GET /api/projects/9/members", 403, forbidden);
}

describe("the exam page", () => {
  it("states the rules and how many attempts are left", async () => {
    renderApp("/projects/9/exam", examApi(standing([attempt(1, "failed", 0.5)])));
    expect((await screen.findByTestId("quality-exam-rules")).textContent).toBe(
      "Pass with a score of 80.0% or more, in at most 3 attempts. Attempts left: 2",
    );
  });

  it("starts an attempt, then lists the jobs to annotate and submits it", async () => {
    const api = examApi(standing([]))
      .on("POST /api/projects/9/exam/attempts", 201, attempt(1, "in_progress", null))
      .on("POST /api/projects/9/exam/submit", 200, attempt(1, "passed", 0.9));
    const started = () => api.seen("POST /api/projects/9/exam/attempts").length > 0;
    api.on("GET /api/projects/9/exam", 200, () => standing(started() ? [attempt(1, "in_progress", null)] : []));
    renderApp("/projects/9/exam", api);
    fireEvent.click(await screen.findByTestId("quality-exam-start"));
    expect((await screen.findByTestId("quality-exam-job")).getAttribute("href")).toBe("/jobs/31");
    fireEvent.click(screen.getByTestId("quality-exam-submit"));
    await waitFor(() => expect(api.seen("POST /api/projects/9/exam/submit")).toHaveLength(1));
  });

  it("shows the history with the per-skill scores of the last graded attempt as a chart", async () => {
    const attempts = [attempt(1, "failed", 0.5, { boxes: 0.6, tracking: 0.3 }), attempt(2, "passed", 0.9, { boxes: 0.95, tracking: 0.85 })];
    renderApp("/projects/9/exam", examApi(standing(attempts, true)));
    const rows = await screen.findAllByTestId("quality-exam-attempts-row");
    expect(rows.map((r) => r.getAttribute("data-state"))).toEqual(["failed", "passed"]);
    expect(rows[0]!.textContent).toContain("Boxes 60.0%, Tracking 30.0%");
    const chart = screen.getByTestId("quality-exam-skills");
    expect([...chart.querySelectorAll(".quality-chart__row")].map((r) => r.getAttribute("data-value"))).toEqual(["0.95", "0.85"]);
    expect(screen.getByTestId("quality-exam-certificate").getAttribute("href")).toBe("/users/1/certificates");
    expect(screen.queryByTestId("quality-exam-start")).toBeNull();
  });

  it("offers no new attempt once they are used up", async () => {
    const attempts = [attempt(1, "failed", 0.1), attempt(2, "failed", 0.2), attempt(3, "failed", 0.3)];
    renderApp("/projects/9/exam", examApi(standing(attempts)));
    await screen.findAllByTestId("quality-exam-attempts-row");
    expect(screen.queryByTestId("quality-exam-start")).toBeNull();
  });

  it("shows a manager everyone's attempts, each person linked to their certificates", async () => {
    const other = { ...attempt(1, "failed", 0.4), id: 7, user_id: 5 };
    const api = examApi(standing([]))
      .on("GET /api/projects/9/exam/attempts", 200, [other])
      .on("GET /api/projects/9/members", 200, [{ user_id: 5, username: "dee", role: "annotator" }]);
    renderApp("/projects/9/exam", api);
    const row = await screen.findByTestId("quality-exam-history-row");
    await waitFor(() => expect(within(row).getByRole("link").textContent).toBe("dee"));
    expect(within(row).getByRole("link").getAttribute("href")).toBe("/users/5/certificates");
  });

  it("is linked from the project page of an exam only", async () => {
    const api = examApi(standing([]))
      .on("GET /api/projects/9", 200, { id: 9, name: "Box exam", description: "", guidelines: "" })
      .on("GET /api/projects/9/labels", 200, [])
      .on("GET /api/tasks", 200, { items: [], count: 0, page: 1, page_size: 20 });
    renderApp("/projects/9", api);
    expect((await screen.findByTestId("project-exam-link")).getAttribute("href")).toBe("/projects/9/exam");
  });
});

describe("the certificates page", () => {
  it("shows each exam passed with its score and skills", async () => {
    const certificate = { user_id: 1, exam_id: 9, exam_name: "Box exam", attempt: 2, score: 0.9, pass_score: 0.8, skills: { boxes: 0.95 }, passed_at: "2026-11-26T11:00:00Z" };
    renderApp("/users/1/certificates", new FakeApi().on("GET /api/auth/me", 200, ADA).on("GET /api/users/1/certificates", 200, [certificate]));
    const card = await screen.findByTestId("quality-certificate");
    expect(card.textContent).toContain("Box exam");
    expect(card.textContent).toContain("Passed with 90.0% (pass mark 80.0%), attempt 2.");
    expect(card.textContent).toContain("Boxes95.0%");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Certificates of ada");
  });
});
