import { describe, expect, it } from "vitest";
import { createAnnotaClient } from "../src/client";
import { ApiError } from "../src/errors";
import type { UploadProgress } from "../src/upload";

/** Just the XMLHttpRequest surface the uploader uses; the test plays the server by calling `answer`. */
class FakeXhr {
  method = "";
  url = "";
  withCredentials = false;
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  statusText = "";
  responseText = "";
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true });
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

function setup() {
  const xhrs: FakeXhr[] = [];
  const client = createAnnotaClient({
    baseUrl: "http://annota.test",
    cookies: () => "annota_csrf=tok123",
    createXhr: () => {
      const xhr = new FakeXhr();
      xhrs.push(xhr);
      return xhr as unknown as XMLHttpRequest;
    },
  });
  return { client, xhrs };
}

const files = [new File(["aaa"], "a.jpg", { type: "image/jpeg" }), new File(["bb"], "b.zip")];

describe("uploadTaskMedia", () => {
  it("posts every file under the `files` field with cookies and the CSRF header", async () => {
    const { client, xhrs } = setup();
    const pending = client.uploadTaskMedia(3, files);
    const xhr = xhrs[0]!;
    xhr.answer(201, { added: 2 });
    await expect(pending).resolves.toEqual({ added: 2 });
    expect(xhr.method).toBe("POST");
    expect(xhr.url).toBe("http://annota.test/api/tasks/3/media");
    expect(xhr.withCredentials).toBe(true);
    expect(xhr.headers["X-CSRF-Token"]).toBe("tok123");
    const sent = xhr.body?.getAll("files") as File[];
    expect(sent.map((f) => f.name)).toEqual(["a.jpg", "b.zip"]);
  });

  it("reports progress as bytes sent of the total", async () => {
    const { client, xhrs } = setup();
    const seen: UploadProgress[] = [];
    const pending = client.uploadTaskMedia(3, files, { onProgress: (p) => seen.push(p) });
    xhrs[0]!.progress(5, 10);
    xhrs[0]!.progress(10, 10);
    xhrs[0]!.answer(201, { added: 2 });
    await pending;
    expect(seen).toEqual([
      { loaded: 5, total: 10 },
      { loaded: 10, total: 10 },
    ]);
  });

  it("rejects with the server's errors as an ApiError", async () => {
    const { client, xhrs } = setup();
    const pending = client.uploadTaskMedia(3, files);
    const body = { ok: false, status: 413, errors: [{ loc: ["files", 1], msg: "too large", type: "too_large" }] };
    xhrs[0]!.answer(413, body);
    const error = (await pending.catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(413);
    expect(error.messagesAt("files[1]")).toEqual(["too large"]);
  });

  it("rejects with an AbortError when its signal aborts", async () => {
    const { client } = setup();
    const controller = new AbortController();
    const pending = client.uploadTaskMedia(3, files, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});
