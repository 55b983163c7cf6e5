import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ADA, FakeApi } from "../../harness";
import { emptyPage, guidelines, job, renderTeams, workItem } from "./fixtures";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function server(work: unknown[]) {
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/notifications/unread", 200, { unread: 2 })
    .on("GET /api/projects", 200, emptyPage)
    .on("GET /api/me/work", 200, work);
}

/** Answers `body`, and nothing after: the workspace the page opens next is not under test here. */
function leave(api: FakeApi, body: unknown): unknown {
  api.silent();
  return body;
}

describe("my work", () => {
  it("lists overdue jobs first, with their due wording and open issues", async () => {
    const api = server([
      workItem(5, { due: "2099-01-01T00:00:00Z" }),
      workItem(6, { due: "2020-01-01T00:00:00Z", overdue: true, open_issues: 2 }),
    ]);
    renderTeams("/me/work", api);
    const rows = await screen.findAllByTestId("work-row");
    expect(rows.map((row) => row.dataset.jobId)).toEqual(["6", "5"]);
    expect(within(rows[0]!).getByTestId("due").dataset.urgency).toBe("overdue");
    expect(within(rows[0]!).getByTestId("due").textContent).toContain("Overdue");
    expect(within(rows[0]!).getByTestId("work-issues").textContent).toBe("2");
  });

  it("says so when nothing is waiting", async () => {
    renderTeams("/me/work", server([]));
    expect((await screen.findByTestId("work-empty")).textContent).toBe("Nothing is waiting for you.");
  });

  it("starts a new job, then opens it", async () => {
    const api = server([workItem(5)])
      .on("GET /api/projects/2/guidelines", 200, guidelines(false))
      .on("POST /api/jobs/5/transitions", 200, () => leave(api, { job: job(5, { state: "in_progress" }), next_job: null }));
    renderTeams("/me/work", api);
    fireEvent.click(await screen.findByRole("button", { name: "Start job #5" }));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/jobs/5"));
    expect(await api.seen("POST /api/jobs/5/transitions")[0]!.json()).toEqual({ action: "start" });
  });

  it("asks for the guidelines to be acknowledged before starting, then starts", async () => {
    const api = server([workItem(5)])
      .on("GET /api/projects/2/guidelines", 200, guidelines(true))
      .on("POST /api/projects/2/guidelines/acknowledge", 200, { project_id: 2, version: 3, acknowledged_at: "2026-11-26T10:00:00Z" })
      .on("POST /api/jobs/5/transitions", 200, () => leave(api, { job: job(5), next_job: null }));
    renderTeams("/me/work", api);
    await screen.findAllByTestId("work-row");
    fireEvent.click(screen.getByTestId("work-start-next"));
    const dialog = await screen.findByTestId("guidelines-dialog");
    expect(api.seen("POST /api/jobs/5/transitions")).toHaveLength(0);
    expect(await within(dialog).findByText("Box every car.")).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "I have read them" }));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/jobs/5"));
    expect(await api.seen("POST /api/projects/2/guidelines/acknowledge")[0]!.json()).toEqual({ version: 3 });
  });

  it("shows the guidelines when the server refuses for want of acknowledgement (they changed meanwhile)", async () => {
    // The first read says nothing is asked; by the time the job starts, a new version is out.
    let reads = 0;
    const api = server([workItem(5)])
      .on("GET /api/projects/2/guidelines", 200, () => guidelines(++reads > 1))
      .on("POST /api/jobs/5/transitions", 409, {
        ok: false,
        status: 409,
        errors: [{ loc: ["path", "job_id"], msg: "acknowledge version 3", type: "guidelines_not_acknowledged" }],
      });
    renderTeams("/me/work", api);
    fireEvent.click(await screen.findByRole("button", { name: "Start job #5" }));
    expect(await screen.findByTestId("guidelines-dialog")).toBeTruthy();
    expect(screen.queryByTestId("error-banner")).toBeNull();
    expect(reads).toBe(2);
  });

  it("takes a job from an open pool", async () => {
    const project = { id: 2, name: "Streets" };
    const api = server([])
      .on("GET /api/projects", 200, { items: [project], count: 1, page: 1, page_size: 50 })
      .on("GET /api/projects/2/workflow", 200, { project_id: 2, self_assign: true, pool_available: 4 })
      .on("GET /api/projects/2/guidelines", 200, guidelines(false))
      .on("POST /api/projects/2/pool/claim", 200, () => leave(api, job(11)));
    renderTeams("/me/work", api);
    expect((await screen.findByTestId("pool-offers")).textContent).toContain("Streets: 4 jobs waiting");
    fireEvent.click(screen.getByRole("button", { name: "Take a job in Streets" }));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/jobs/11"));
  });
});

describe("the notification bell", () => {
  it("shows the unread count in the header", async () => {
    renderTeams("/me/work", server([]));
    const bell = await screen.findByTestId("notification-bell");
    await waitFor(() => expect(bell.dataset.unread).toBe("2"));
    expect(bell.getAttribute("aria-label")).toBe("Notifications: 2 unread");
  });
});
