import { describe, expect, it } from "vitest";
import { ApiError, formatLoc, HTTP_ERROR_TYPE, isApiErrorBody, NETWORK_ERROR_TYPE } from "../src/errors";

const body422 = {
  ok: false,
  status: 422,
  errors: [
    { loc: ["body", "name"], msg: "Field required", type: "missing" },
    { loc: ["body", "labels", 0, "color"], msg: "not a colour", type: "value_error" },
  ],
};

describe("ApiError.fromResponse", () => {
  it("keeps every item of the server's error shape", () => {
    const error = ApiError.fromResponse(422, body422);
    expect(error.status).toBe(422);
    expect(error.errors).toEqual(body422.errors);
    expect(error.message).toBe("name: Field required; labels[0].color: not a colour");
  });

  it("finds the messages for one field", () => {
    const error = ApiError.fromResponse(422, body422);
    expect(error.messagesAt("labels[0].color")).toEqual(["not a colour"]);
    expect(error.messagesAt("description")).toEqual([]);
  });

  it("turns a short text body into one http_error item", () => {
    const error = ApiError.fromResponse(502, "Bad Gateway");
    expect(error.errors).toEqual([{ loc: [], msg: "Bad Gateway", type: HTTP_ERROR_TYPE }]);
  });

  it("does not show an HTML error page, only the status text", () => {
    const error = ApiError.fromResponse(500, "<html><body>Traceback...</body></html>", "Internal Server Error");
    expect(error.errors[0]?.msg).toBe("Internal Server Error");
  });

  it("falls back to the status code when nothing else is known", () => {
    expect(ApiError.fromResponse(503, undefined).errors[0]?.msg).toBe("HTTP 503");
  });

  it("does not trust a body that only looks like the error shape", () => {
    const body = { ok: false, status: 400, errors: [{ loc: "name", msg: "bad" }] };
    expect(isApiErrorBody(body)).toBe(false);
    expect(ApiError.fromResponse(400, body).errors[0]?.type).toBe(HTTP_ERROR_TYPE);
  });
});

describe("ApiError.network", () => {
  it("has status 0 and the network_error type", () => {
    const error = ApiError.network(new TypeError("fetch failed"));
    expect(error.isNetworkError).toBe(true);
    expect(error.errors).toEqual([{ loc: [], msg: "fetch failed", type: NETWORK_ERROR_TYPE }]);
    expect(error).toBeInstanceOf(Error);
  });
});

describe("formatLoc", () => {
  it("drops the request part and writes indices in brackets", () => {
    expect(formatLoc(["body", "labels", 2, "attributes", 0, "name"])).toBe("labels[2].attributes[0].name");
    expect(formatLoc(["query", "page"])).toBe("page");
    expect(formatLoc([])).toBe("");
  });
});
