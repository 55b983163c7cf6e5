import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { LOCALE_STORAGE_KEY } from "../../src/i18n/locales";
import { ADA, FakeApi, renderApp } from "../harness";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const emptyPage = { items: [], count: 0, page: 1, page_size: 20 };

describe("the locale switch", () => {
  it("turns the UI to French, keeps the choice in localStorage and saves it to the account", async () => {
    const api = new FakeApi()
      .on("GET /api/auth/me", 200, ADA)
      .on("GET /api/projects", 200, emptyPage)
      .on("PATCH /api/users/me", 200, { ...ADA, locale: "fr" });
    renderApp("/projects", api);
    expect(await screen.findByRole("heading", { name: "Projects" })).toBeTruthy();

    fireEvent.change(screen.getByTestId("locale-switch"), { target: { value: "fr" } });

    expect(await screen.findByRole("heading", { name: "Projets" })).toBeTruthy();
    await waitFor(() => expect(document.documentElement.lang).toBe("fr"));
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe("fr");
    await waitFor(() => expect(api.seen("PATCH /api/users/me")).toHaveLength(1));
    expect(api.seen("GET /api/auth/me")).toHaveLength(1);
    const request = api.seen("PATCH /api/users/me")[0]!;
    expect(request.headers.get("X-CSRF-Token")).toBe("csrf-token");
    expect(await request.json()).toEqual({ locale: "fr" });
  });

  it("only changes this browser on the login page (no account to save to)", async () => {
    const api = new FakeApi().on("GET /api/auth/me", 401, { ok: false, status: 401, errors: [] });
    renderApp("/login", api);
    fireEvent.change(await screen.findByTestId("locale-switch"), { target: { value: "fr" } });
    expect(await screen.findByRole("heading", { name: "Connexion" })).toBeTruthy();
    expect(api.seen("PATCH /api/users/me")).toHaveLength(0);
  });

  it("follows the locale saved on the account once signed in", async () => {
    const api = new FakeApi()
      .on("GET /api/auth/me", 200, { ...ADA, locale: "fr" })
      .on("GET /api/projects", 200, emptyPage);
    renderApp("/projects", api, { locale: "en" });
    expect(await screen.findByRole("heading", { name: "Projets" })).toBeTruthy();
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe("fr");
  });
});
