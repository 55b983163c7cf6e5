import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ADA, FakeApi } from "../../harness";
import { renderTeams } from "./fixtures";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const ACME = { id: 4, slug: "acme", name: "Acme", created_at: "2026-11-26T09:00:00Z", role: "owner" };
const MEMBERS = [
  { user_id: 1, username: "ada", role: "owner" },
  { user_id: 2, username: "bob", role: "annotator" },
];

function server() {
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/notifications/unread", 200, { unread: 0 })
    .on("GET /api/organizations/4", 200, ACME)
    .on("GET /api/organizations/4/members", 200, MEMBERS)
    .on("GET /api/organizations/4/invitations", 200, [])
    .on("GET /api/organizations/4/audit", 200, { items: [], count: 0, page: 1, page_size: 50 });
}

describe("the organisations page", () => {
  it("creates an organisation with a proposed short name and opens it", async () => {
    const api = server()
      .on("GET /api/organizations", 200, { items: [], count: 0, page: 1, page_size: 100 })
      .on("POST /api/organizations", 201, ACME);
    renderTeams("/organizations", api);
    fireEvent.click(await screen.findByTestId("organization-new"));
    fireEvent.change(screen.getByTestId("organization-name"), { target: { value: "Acme Labs" } });
    expect((screen.getByTestId("organization-slug") as HTMLInputElement).value).toBe("acme-labs");
    fireEvent.submit(screen.getByTestId("organization-create-form"));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/organizations/4"));
    expect(await api.seen("POST /api/organizations")[0]!.json()).toEqual({ name: "Acme Labs", slug: "acme-labs" });
  });
});

describe("an organisation's page", () => {
  it("changes a member's role", async () => {
    const api = server().on("PATCH /api/organizations/4/members/2", 200, [MEMBERS[0], { ...MEMBERS[1], role: "reviewer" }]);
    renderTeams("/organizations/4", api);
    const select = await screen.findByRole("combobox", { name: "Role of bob" });
    fireEvent.change(select, { target: { value: "reviewer" } });
    await waitFor(() => expect(screen.getAllByTestId("member-row")[1]!.dataset.role).toBe("reviewer"));
    expect(await api.seen("PATCH /api/organizations/4/members/2")[0]!.json()).toEqual({ role: "reviewer" });
  });

  it("creates an invitation and shows its link once", async () => {
    const created = {
      id: 9, organization_id: 4, role: "annotator", email: null, created_by: 1, created_at: "2026-11-26T09:00:00Z",
      expires_at: "2026-12-03T09:00:00Z", accepted_at: null, accepted_by: null, revoked_at: null, status: "pending",
      token: "tok-123456", link: "/invitations/accept#token=tok-123456",
    };
    const api = server().on("POST /api/organizations/4/invitations", 201, created);
    renderTeams("/organizations/4", api);
    fireEvent.submit(await screen.findByTestId("invitation-form"));
    const link = (await screen.findByTestId("invitation-link")) as HTMLInputElement;
    expect(link.value).toMatch(/\/invitations\/accept#token=tok-123456$/);
    expect(await api.seen("POST /api/organizations/4/invitations")[0]!.json()).toEqual({ role: "annotator", expires_in_days: 7 });
  });

  it("revokes a pending invitation", async () => {
    const pending = {
      id: 9, organization_id: 4, role: "annotator", email: "tina@example.org", created_by: 1, created_at: "2026-11-26T09:00:00Z",
      expires_at: "2026-12-03T09:00:00Z", accepted_at: null, accepted_by: null, revoked_at: null, status: "pending",
    };
    let revoked = false;
    const api = server()
      .on("GET /api/organizations/4/invitations", 200, () => [{ ...pending, status: revoked ? "revoked" : "pending" }])
      .on("DELETE /api/organizations/4/invitations/9", 204, () => {
        revoked = true;
        return null;
      });
    renderTeams("/organizations/4", api);
    fireEvent.click(await screen.findByRole("button", { name: "Revoke invitation #9" }));
    await waitFor(() => expect(screen.getByTestId("invitation-row").dataset.status).toBe("revoked"));
    expect(screen.queryByTestId("invitation-revoke")).toBeNull();
  });

  it("removes a member once confirmed", async () => {
    const api = server().on("DELETE /api/organizations/4/members/2", 204, null);
    const confirm = window.confirm;
    window.confirm = () => true;
    try {
      renderTeams("/organizations/4", api);
      fireEvent.click(await screen.findByRole("button", { name: "Remove bob" }));
      await waitFor(() => expect(api.seen("DELETE /api/organizations/4/members/2")).toHaveLength(1));
      await waitFor(() => expect(api.seen("GET /api/organizations/4/members").length).toBeGreaterThan(1));
    } finally {
      window.confirm = confirm;
    }
  });

  it("shows an annotator the members without the means to change them", async () => {
    const api = server().on("GET /api/organizations/4", 200, { ...ACME, role: "annotator" });
    renderTeams("/organizations/4", api);
    await screen.findAllByTestId("member-row");
    expect(screen.queryByTestId("member-role")).toBeNull();
    expect(screen.queryByTestId("invitation-form")).toBeNull();
    expect(screen.queryByTestId("member-remove")).toBeNull();
  });
});

describe("an organisation's audit log", () => {
  it("is read from the organisation's log, filtered by one of its members", async () => {
    const api = server();
    renderTeams("/organizations/4", api);
    await screen.findByText("No entry matches.");
    await waitFor(() => expect(within(screen.getByTestId("audit-person")).getAllByRole("option")).toHaveLength(3));
    fireEvent.change(screen.getByTestId("audit-person"), { target: { value: "2" } });
    await waitFor(() => expect(api.seen("GET /api/organizations/4/audit")).toHaveLength(2));
    expect(new URL(api.seen("GET /api/organizations/4/audit")[1]!.url).searchParams.get("actor_id")).toBe("2");
  });
});

describe("accepting an invitation", () => {
  it("says what joining does, then joins and opens the organisation", async () => {
    const api = server()
      .on("POST /api/invitations/preview", 200, {
        organization_id: 4, organization_name: "Acme", role: "annotator", status: "pending", expires_at: "2026-12-03T09:00:00Z",
      })
      .on("POST /api/invitations/accept", 200, { organization_id: 4, role: "annotator" });
    renderTeams("/invitations/accept#token=tok-123456", api);
    const card = await screen.findByTestId("invitation-preview");
    expect(card.textContent).toContain("You are invited to Acme as: Annotator");
    fireEvent.click(within(card).getByRole("button", { name: "Join Acme" }));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/organizations/4"));
    expect(await api.seen("POST /api/invitations/accept")[0]!.json()).toEqual({ token: "tok-123456" });
  });

  it("tells someone signed out to sign in first, keeping the token for after", async () => {
    const api = new FakeApi().on("GET /api/auth/me", 401, { ok: false, status: 401, errors: [] });
    renderTeams("/invitations/accept#token=tok-123456", api);
    fireEvent.click(await screen.findByTestId("invitation-sign-in-link"));
    await waitFor(() =>
      expect(screen.getByTestId("location").textContent).toBe("/login?next=%2Finvitations%2Fjoin%23token%3Dtok-123456"),
    );
  });
});
