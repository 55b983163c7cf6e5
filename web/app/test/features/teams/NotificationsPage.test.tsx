import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ADA, FakeApi } from "../../harness";
import { renderTeams } from "./fixtures";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function notice(id: number, kind: string, read: boolean, payload: Record<string, unknown> = {}) {
  return {
    id, kind, project_id: 2, job_id: 7, issue_id: null, payload,
    created_at: "2026-11-26T10:00:00Z", read_at: read ? "2026-11-26T11:00:00Z" : null,
  };
}

function server(unread: number) {
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/notifications/unread", 200, () => ({ unread }))
    .on("GET /api/notifications", 200, {
      items: [notice(2, "commented", false, { frame: 4 }), notice(1, "assigned", true, { role: "reviewer" })],
      count: 2, page: 1, page_size: 20,
    });
}

describe("the notifications page", () => {
  it("says what each notification is about and links to its job", async () => {
    renderTeams("/notifications", server(1));
    const rows = await screen.findAllByTestId("notification-row");
    expect(rows.map((r) => r.firstChild?.textContent)).toEqual(["New comment on job #7, frame 5", "You review job #7"]);
    expect(within(rows[0]!).getByTestId("notification-open").getAttribute("href")).toBe("/jobs/7?frame=4");
    expect(within(rows[1]!).queryByTestId("notification-read")).toBeNull();
  });

  it("marks one read, and the bell recounts at once", async () => {
    let unread = 1;
    const api = server(1)
      .on("GET /api/notifications/unread", 200, () => ({ unread }))
      .on("POST /api/notifications/2/read", 200, () => {
        unread = 0;
        return notice(2, "commented", true);
      });
    renderTeams("/notifications", api);
    await waitFor(() => expect(screen.getByTestId("notification-bell").dataset.unread).toBe("1"));
    fireEvent.click((await screen.findAllByTestId("notification-read"))[0]!);
    await waitFor(() => expect(screen.getByTestId("notification-bell").dataset.unread).toBe("0"));
  });

  it("marks all read and asks for the list again", async () => {
    const api = server(2).on("POST /api/notifications/read-all", 200, { updated: 2 });
    renderTeams("/notifications", api);
    fireEvent.click(await screen.findByRole("button", { name: "Mark all read" }));
    await waitFor(() => expect(api.seen("GET /api/notifications")).toHaveLength(2));
    expect(api.seen("POST /api/notifications/read-all")).toHaveLength(1);
  });

  it("asks only for unread ones when told so", async () => {
    const api = server(0);
    renderTeams("/notifications", api);
    fireEvent.click(await screen.findByRole("checkbox", { name: "Unread only" }));
    await waitFor(() => expect(api.seen("GET /api/notifications")).toHaveLength(2));
    expect(new URL(api.seen("GET /api/notifications")[1]!.url).searchParams.get("unread")).toBe("true");
  });
});
