import { ApiError } from "@annota/api-client";
import { describe, expect, it } from "vitest";
import {
  INITIAL,
  isBusy,
  jobToPoll,
  percentOf,
  transfer,
  type TransferEvent,
  type TransferState,
} from "../../../src/features/datasets/transfer";
import { job } from "./jobs";

const run = (...events: TransferEvent[]): TransferState => events.reduce(transfer, INITIAL);
const refusal = new ApiError(422, [{ loc: ["body", "format"], msg: "unknown format 'x'", type: "unknown_format" }]);

describe("an import's transfer", () => {
  it("shows the bytes sent while the file uploads", () => {
    const state = run({ type: "upload-started", total: 200 }, { type: "upload-progress", loaded: 50, total: 200 });
    expect(state).toEqual({ phase: "uploading", loaded: 50, total: 200 });
    expect(percentOf(state)).toBe(25);
    expect(isBusy(state)).toBe(true);
  });

  it("follows the job the upload started, and polls it until it ends", () => {
    const queued = run({ type: "upload-started", total: 10 }, { type: "job", job: job() });
    expect(jobToPoll(queued)?.id).toBe(9);
    const running = transfer(queued, { type: "job", job: job({ status: "running", progress: 0.4 }) });
    expect(percentOf(running)).toBe(40);
    const done = transfer(running, { type: "job", job: job({ status: "succeeded", progress: 1 }) });
    expect(jobToPoll(done)).toBeNull();
    expect(isBusy(done)).toBe(false);
  });

  it("ignores a progress event that arrives after the upload ended", () => {
    const started = run({ type: "upload-started", total: 10 }, { type: "job", job: job() });
    expect(transfer(started, { type: "upload-progress", loaded: 10, total: 10 })).toBe(started);
  });

  it("shows a request the server refused, with no job to poll", () => {
    const state = run({ type: "upload-started", total: 10 }, { type: "request-failed", error: refusal });
    expect(state).toEqual({ phase: "refused", error: refusal });
    expect(jobToPoll(state)).toBeNull();
    expect(isBusy(state)).toBe(false);
  });
});

describe("a job's answers", () => {
  const running = run({ type: "export-requested" }, { type: "job", job: job({ status: "running", progress: 0.5 }) });

  it("never move an ended job back to running (a late poll answer)", () => {
    const cancelled = transfer(running, { type: "job", job: job({ status: "cancelled", progress: 0.5 }) });
    expect(transfer(cancelled, { type: "job", job: job({ status: "running", progress: 0.6 }) })).toBe(cancelled);
  });

  it("never move the progress bar backwards while the job runs", () => {
    expect(transfer(running, { type: "job", job: job({ status: "running", progress: 0.3 }) })).toBe(running);
  });

  it("keep the job shown when a poll fails (the next poll tries again)", () => {
    expect(transfer(running, { type: "request-failed", error: ApiError.network(new Error("down")) })).toBe(running);
  });

  it("stop the polling when the job is gone", () => {
    const gone = new ApiError(404, [{ loc: [], msg: "background job 9 not found", type: "not_found" }]);
    const state = transfer(running, { type: "request-failed", error: gone });
    expect(state).toEqual({ phase: "refused", error: gone });
    expect(jobToPoll(state)).toBeNull();
  });

  it("mark a cancel as asked until the job ends", () => {
    const asked = transfer(running, { type: "cancel-requested" });
    expect(asked).toMatchObject({ phase: "job", cancelling: true });
    const stillRunning = transfer(asked, { type: "job", job: job({ status: "running", progress: 0.6, cancel_requested: true }) });
    expect(stillRunning).toMatchObject({ cancelling: true });
    const cancelled = transfer(stillRunning, { type: "job", job: job({ status: "cancelled", progress: 0.6 }) });
    expect(cancelled).toMatchObject({ cancelling: false });
  });

  it("switch to another job picked from the list, whatever the one shown was doing", () => {
    const other = transfer(running, { type: "job", job: job({ id: 4, status: "succeeded", progress: 1 }) });
    expect(other).toMatchObject({ phase: "job", job: { id: 4 }, cancelling: false });
  });
});

describe("cancelling", () => {
  it("is not asked of a job that has ended", () => {
    const done = run({ type: "job", job: job({ status: "failed" }) });
    expect(transfer(done, { type: "cancel-requested" })).toBe(done);
  });

  it("goes back to the form on reset", () => {
    expect(transfer(run({ type: "job", job: job() }), { type: "reset" })).toEqual(INITIAL);
  });
});
