import { describe, expect, it } from "vitest";
import { csrfHeaders, isUnsafeMethod, readCookie } from "../src/csrf";

describe("readCookie", () => {
  it("finds a cookie among others and decodes it", () => {
    expect(readCookie("a=1; annota_csrf=tok%2Fen; b=2", "annota_csrf")).toBe("tok/en");
  });

  it("returns null when the cookie is absent", () => {
    expect(readCookie("annota_csrf_old=1; x=2", "annota_csrf")).toBeNull();
  });

  it("keeps a value that is not valid percent-encoding as it is", () => {
    expect(readCookie("annota_csrf=%E0%A4%A", "annota_csrf")).toBe("%E0%A4%A");
  });
});

describe("csrfHeaders", () => {
  it("echoes the cookie for unsafe methods", () => {
    for (const method of ["POST", "put", "PATCH", "DELETE"]) {
      expect(csrfHeaders(method, "annota_csrf=abc")).toEqual({ "X-CSRF-Token": "abc" });
    }
  });

  it("adds nothing for safe methods", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(isUnsafeMethod(method)).toBe(false);
      expect(csrfHeaders(method, "annota_csrf=abc")).toEqual({});
    }
  });

  it("adds nothing when there is no cookie yet (before login)", () => {
    expect(csrfHeaders("POST", "")).toEqual({});
  });
});
