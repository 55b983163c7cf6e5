import { describe, expect, it } from "vitest";
import { createAnnotaClient } from "../src/client";
import { ApiError, NETWORK_ERROR_TYPE } from "../src/errors";
import { fakeServer, json } from "./fake-server";

const BASE = "http://annota.test";
const user = { id: 1, username: "ada", email: null, is_admin: false, locale: "fr" };
const project = {
  id: 7,
  name: "Birds",
  description: "",
  owner_id: 1,
  organization_id: null,
  created_at: "2026-11-26T10:00:00Z",
  updated_at: "2026-11-26T10:00:00Z",
  label_count: 0,
  task_count: 0,
};

function clientFor(routes: Parameters<typeof fakeServer>[0], cookies = "annota_csrf=tok123") {
  const server = fakeServer(routes);
  const seen: ApiError[] = [];
  const client = createAnnotaClient({
    baseUrl: BASE,
    fetch: server.fetch,
    cookies: () => cookies,
    onError: (error) => seen.push(error),
  });
  return { client, server, seen };
}

describe("CSRF header", () => {
  it("is sent on POST, PATCH and DELETE with the cookie's value", async () => {
    const { client, server } = clientFor({
      "POST /api/projects": json(201, project),
      "PATCH /api/projects/7": json(200, project),
      "DELETE /api/projects/7": { status: 204 },
    });
    await client.createProject({ name: "Birds" });
    await client.updateProject(7, { name: "Birds" });
    await client.deleteProject(7);
    expect(server.requests.map((r) => r.headers.get("X-CSRF-Token"))).toEqual(["tok123", "tok123", "tok123"]);
  });

  it("is not sent on GET", async () => {
    const { client, server } = clientFor({ "GET /api/auth/me": json(200, user) });
    await client.me();
    expect(server.requests[0]?.headers.has("X-CSRF-Token")).toBe(false);
  });

  it("is read at each request, so the cookie set by login is used right after", async () => {
    let cookies = "";
    const server = fakeServer({ "POST /api/auth/login": json(200, user), "PATCH /api/users/me": json(200, user) });
    const client = createAnnotaClient({ baseUrl: BASE, fetch: server.fetch, cookies: () => cookies });
    await client.login({ username: "ada", password: "pw" });
    cookies = "annota_csrf=fresh";
    await client.updateMe({ locale: "fr" });
    expect(server.requests[0]?.headers.has("X-CSRF-Token")).toBe(false);
    expect(server.requests[1]?.headers.get("X-CSRF-Token")).toBe("fresh");
  });
});

describe("requests", () => {
  it("send cookies (credentials include)", async () => {
    const { client, server } = clientFor({ "GET /api/auth/me": json(200, user) });
    await client.me();
    expect(server.requests[0]?.credentials).toBe("include");
  });

  it("put list parameters in the query string and leave out undefined ones", async () => {
    const page = { items: [project], count: 1, page: 2, page_size: 20 };
    const { client, server } = clientFor({ "GET /api/projects": json(200, page) });
    const result = await client.listProjects({ page: 2, page_size: 20, q: "bird", sort: undefined });
    expect(result).toEqual(page);
    const url = new URL(server.requests[0]?.url ?? "");
    expect(Object.fromEntries(url.searchParams)).toEqual({ page: "2", page_size: "20", q: "bird" });
  });

  it("fill the path parameters", async () => {
    const { client, server } = clientFor({ "GET /api/projects/7/labels": json(200, []) });
    await client.listLabels(7);
    expect(new URL(server.requests[0]?.url ?? "").pathname).toBe("/api/projects/7/labels");
  });

  it("resolve to undefined for 204 answers", async () => {
    const { client } = clientFor({ "POST /api/auth/logout": { status: 204 } });
    await expect(client.logout()).resolves.toBeUndefined();
  });

  it("build media URLs under the base URL", () => {
    const { client } = clientFor({});
    expect(client.thumbnailUrl(5)).toBe(`${BASE}/api/media/5/thumbnail`);
    expect(client.originalUrl(5)).toBe(`${BASE}/api/media/5/original`);
  });
});

describe("errors", () => {
  it("reject with an ApiError holding the server's items, and reach onError first", async () => {
    const body = { ok: false, status: 401, errors: [{ loc: [], msg: "Invalid credentials", type: "auth" }] };
    const { client, seen } = clientFor({ "POST /api/auth/login": json(401, body) });
    const error = await client.login({ username: "ada", password: "no" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).errors).toEqual(body.errors);
    expect(seen).toEqual([error]);
  });

  it("map an HTML error page to an http_error item", async () => {
    const { client } = clientFor({ "GET /api/projects/9": { status: 502, text: "<html>oops</html>" } });
    const error = (await client.getProject(9).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.errors[0]?.type).toBe("http_error");
  });

  it("map a failed fetch to a network ApiError with status 0", async () => {
    const client = createAnnotaClient({
      baseUrl: BASE,
      fetch: () => Promise.reject(new TypeError("fetch failed")),
    });
    const error = (await client.me().catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
    expect(error.errors[0]?.type).toBe(NETWORK_ERROR_TYPE);
  });

  it("let an abort through unchanged", async () => {
    const abort = new DOMException("aborted", "AbortError");
    const client = createAnnotaClient({ baseUrl: BASE, fetch: () => Promise.reject(abort) });
    await expect(client.me()).rejects.toBe(abort);
  });
});
