import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ADA, errorBody, FakeApi, renderApp } from "../harness";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const emptyPage = { items: [], count: 0, page: 1, page_size: 20 };

describe("the signed-in frame", () => {
  it("signs out from the user menu and lands on the login page", async () => {
    const api = new FakeApi()
      .on("GET /api/auth/me", 200, ADA)
      .on("GET /api/projects", 200, emptyPage)
      .on("POST /api/auth/logout", 204, null)
      .on("GET /api/server/about", 200, { name: "annota", version: "0.1.0", locales: ["en", "fr"] });
    renderApp("/projects", api);
    fireEvent.click(await screen.findByTestId("user-menu"));
    expect(screen.getByText("Signed in as ada")).toBeTruthy();
    expect((await screen.findByTestId("server-version")).textContent).toBe("Server version: 0.1.0");
    fireEvent.click(screen.getByTestId("logout"));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/login?next=%2Fprojects"));
    expect(api.seen("POST /api/auth/logout")[0]?.headers.get("X-CSRF-Token")).toBe("csrf-token");
  });

  it("sends the user to the login page when a call says the session has ended", async () => {
    const api = new FakeApi()
      .on("GET /api/auth/me", 200, ADA)
      .on("GET /api/projects", 401, errorBody(401, "Session expired"));
    renderApp("/projects?q=cars", api);
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/login?next=%2Fprojects%3Fq%3Dcars"));
  });

  it("shows a not-found page for unknown addresses", async () => {
    renderApp("/no/such/page", new FakeApi().on("GET /api/auth/me", 200, ADA));
    expect((await screen.findByTestId("not-found")).textContent).toContain("Page not found");
  });

  it("shows a loading state while the session is checked", () => {
    const api = new FakeApi().silent();
    renderApp("/projects", api);
    expect(screen.getByTestId("loading").textContent).toBe("Loading…");
  });
});
