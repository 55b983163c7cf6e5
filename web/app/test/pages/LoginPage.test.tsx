import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ADA, errorBody, FakeApi, renderApp } from "../harness";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function signIn(username: string, password: string) {
  fireEvent.change(screen.getByTestId("login-username"), { target: { value: username } });
  fireEvent.change(screen.getByTestId("login-password"), { target: { value: password } });
  fireEvent.click(screen.getByTestId("login-submit"));
}

describe("the login page", () => {
  it("is where a signed-out visitor is sent, remembering the page asked for", async () => {
    const api = new FakeApi().on("GET /api/auth/me", 401, errorBody(401, "Not signed in"));
    renderApp("/projects/7?tab=labels", api);
    await waitFor(() =>
      expect(screen.getByTestId("location").textContent).toBe("/login?next=%2Fprojects%2F7%3Ftab%3Dlabels"),
    );
    expect(screen.getByLabelText("Username")).toBe(screen.getByTestId("login-username"));
    expect(screen.getByLabelText("Password")).toBe(screen.getByTestId("login-password"));
  });

  it("shows the server's message when the credentials are refused", async () => {
    const api = new FakeApi()
      .on("GET /api/auth/me", 401, errorBody(401, "Not signed in"))
      .on("POST /api/auth/login", 401, errorBody(401, "Wrong username or password"));
    renderApp("/login", api);
    await screen.findByTestId("login-submit");
    signIn("ada", "nope");
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("Sign-in refused.");
    expect(banner.textContent).toContain("Wrong username or password");
    expect(banner.textContent).not.toContain("session has ended");
    expect(screen.getByTestId("location").textContent).toBe("/login");
  });

  it("shows each field error of a 422 with its location", async () => {
    const api = new FakeApi()
      .on("GET /api/auth/me", 401, errorBody(401, "Not signed in"))
      .on("POST /api/auth/login", 422, errorBody(422, "String should have at least 1 character", ["body", "password"]));
    renderApp("/login", api);
    await screen.findByTestId("login-submit");
    signIn("ada", "x");
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("password: String should have at least 1 character");
  });

  it("signs in and goes on to the page that was asked for", async () => {
    const api = new FakeApi()
      .on("GET /api/auth/me", 401, errorBody(401, "Not signed in"))
      .on("POST /api/auth/login", 200, ADA)
      .on("GET /api/projects/7", 404, errorBody(404, "Project 7 not found"))
      .on("GET /api/projects/7/labels", 404, errorBody(404, "Project 7 not found"))
      .on("GET /api/tasks", 404, errorBody(404, "Project 7 not found"));
    renderApp("/login?next=%2Fprojects%2F7", api);
    await screen.findByTestId("login-submit");
    signIn("ada", "secret");
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/projects/7"));
    const body = await api.seen("POST /api/auth/login")[0]?.json();
    expect(body).toEqual({ username: "ada", password: "secret" });
  });

  it("ignores a `next` that points to another site", async () => {
    const api = new FakeApi()
      .on("GET /api/auth/me", 401, errorBody(401, "Not signed in"))
      .on("POST /api/auth/login", 200, ADA)
      .on("GET /api/projects", 200, { items: [], count: 0, page: 1, page_size: 20 });
    renderApp("/login?next=%2F%2Fevil.example%2F", api);
    await screen.findByTestId("login-submit");
    signIn("ada", "secret");
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/projects"));
  });

  it("says the server is unreachable when even the session check gets no answer", async () => {
    const api = new FakeApi().unreachable();
    renderApp("/login", api);
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("The server cannot be reached");
  });
});
