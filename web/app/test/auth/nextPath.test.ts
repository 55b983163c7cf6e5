import { describe, expect, it } from "vitest";
import { HOME_PATH, loginPathFor, safeNextPath } from "../../src/auth/nextPath";

describe("safeNextPath", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeNextPath("/tasks/4?page=2")).toBe("/tasks/4?page=2");
  });

  it("refuses other sites and odd schemes", () => {
    for (const next of ["//evil.example", "https://evil.example/", "javascript:alert(1)", "/\\evil.example", ""]) {
      expect(safeNextPath(next)).toBe(HOME_PATH);
    }
  });

  it("does not send the login page back to itself", () => {
    expect(safeNextPath("/login?next=/x")).toBe(HOME_PATH);
    expect(safeNextPath(null)).toBe(HOME_PATH);
  });
});

describe("loginPathFor", () => {
  it("encodes where the visitor was going", () => {
    expect(loginPathFor({ pathname: "/tasks/4", search: "?page=2", hash: "" })).toBe(
      "/login?next=%2Ftasks%2F4%3Fpage%3D2",
    );
    expect(loginPathFor({ pathname: "/", search: "", hash: "" })).toBe("/login");
  });
});
