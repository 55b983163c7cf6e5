import { createAnnotaClient } from "@annota/api-client";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter, Route, Routes, useLocation } from "react-router-dom";
import { AppProviders } from "../../../src/App";
import { RequireAuth } from "../../../src/auth/RequireAuth";
import { teamsPublicRoutes, teamsRoutes } from "../../../src/features/teams/routes";
import { createI18n } from "../../../src/i18n/locales";
import { ADA, BASE_URL, errorBody, FakeApi } from "../../harness";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function Where() {
  const location = useLocation();
  return <output data-testid="where">{`${location.pathname}${location.search}${location.hash}`}</output>;
}

/** The routes as App.tsx mounts them once it takes `teamsPublicRoutes`: public ones before the signed-in layout. */
function renderMounted(path: string, api: FakeApi) {
  const client = createAnnotaClient({ baseUrl: BASE_URL, fetch: api.fetch, cookies: () => "annota_csrf=csrf-token" });
  render(
    <AppProviders client={client} i18n={createI18n("en")} sessionEvents={new EventTarget()}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/login" element={<p>login</p>} />
          {teamsPublicRoutes}
          <Route element={<RequireAuth><Where /></RequireAuth>}>{teamsRoutes}</Route>
        </Routes>
        <Where />
      </MemoryRouter>
    </AppProviders>,
  );
}

describe("the invitation link's page", () => {
  it("tells a signed-out visitor to sign in first, and comes back with the token", async () => {
    renderMounted("/invitations/accept#token=tok-123456", new FakeApi().on("GET /api/auth/me", 401, errorBody(401, "no session")));
    expect((await screen.findByTestId("invitation-sign-in")).textContent).toContain("sign in with your account first");
    fireEvent.click(screen.getByTestId("invitation-sign-in-link"));
    await waitFor(() =>
      expect(screen.getAllByTestId("where").at(-1)!.textContent).toBe("/login?next=%2Finvitations%2Fjoin%23token%3Dtok-123456"),
    );
  });

  it("sends a signed-in person on to accept, token kept", async () => {
    renderMounted("/invitations/accept#token=tok-123456", new FakeApi().on("GET /api/auth/me", 200, ADA));
    await waitFor(() => expect(screen.getAllByTestId("where").at(-1)!.textContent).toBe("/invitations/join#token=tok-123456"));
  });
});
