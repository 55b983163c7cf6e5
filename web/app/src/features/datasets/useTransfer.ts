import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { isAbortError } from "@annota/api-client";
import { useApi } from "../../api/ApiContext";
import { toApiError } from "../../api/toApiError";
import { cancelJob, type ExportRequest, type ImportRequest, readJob, startExport, uploadImport } from "./datasetApi";
import { type BackgroundJob, INITIAL, jobToPoll, transfer, type TransferState } from "./transfer";

/** Pause between two reads of a running job. */
export const POLL_MS = 400;

export interface Transfer {
  state: TransferState;
  startImport: (request: ImportRequest) => void;
  startExport: (request: ExportRequest) => void;
  /** Shows (and polls, while it runs) a job started earlier, e.g. picked from the recent jobs. */
  follow: (job: BackgroundJob) => void;
  /** Stops the upload, or asks the server to cancel the job. */
  cancel: () => void;
  /** Back to the form; a job that runs goes on on the server (the recent jobs list it). */
  reset: () => void;
}

/**
 * One import or export of a project at a time: upload or start it, poll its job until it ends.
 * Held by the page, not the dialog, so closing the dialog keeps it going; leaving the page stops an
 * upload (not a job: the server runs that). `onSucceeded` hears of each job seen running that succeeded.
 */
export function useTransfer(projectId: number, onSucceeded?: (job: BackgroundJob) => void): Transfer {
  const api = useApi();
  const [state, dispatch] = useReducer(transfer, INITIAL);
  const [polls, setPolls] = useState(0);
  const upload = useRef<AbortController | null>(null);
  const watched = useRef(new Set<number>());
  const succeeded = useRef(onSucceeded);
  succeeded.current = onSucceeded;

  useEffect(() => () => upload.current?.abort(), []);

  const begin = useCallback((job: BackgroundJob) => dispatch({ type: "job", job }), []);
  const failed = useCallback((reason: unknown) => {
    if (!isAbortError(reason)) dispatch({ type: "request-failed", error: toApiError(reason) });
  }, []);

  const startImportCb = useCallback(
    (request: ImportRequest) => {
      upload.current?.abort();
      const controller = new AbortController();
      upload.current = controller;
      dispatch({ type: "upload-started", total: request.file.size });
      const onProgress = (loaded: number, total: number) => dispatch({ type: "upload-progress", loaded, total });
      uploadImport(projectId, request, { onProgress, signal: controller.signal })
        .then(begin, (reason: unknown) => {
          if (isAbortError(reason)) dispatch({ type: "reset" });
          else failed(reason);
        })
        .finally(() => {
          if (upload.current === controller) upload.current = null;
        });
    },
    [projectId, begin, failed],
  );

  const startExportCb = useCallback(
    (request: ExportRequest) => {
      dispatch({ type: "export-requested" });
      startExport(api, projectId, request).then(begin, failed);
    },
    [api, projectId, begin, failed],
  );

  const polled = jobToPoll(state);
  const pollId = polled?.id ?? null;
  if (polled) watched.current.add(polled.id);
  useEffect(() => {
    if (pollId === null) return;
    let live = true;
    const timer = setTimeout(() => {
      readJob(api, pollId)
        .then((job) => live && dispatch({ type: "job", job }), (reason: unknown) => live && failed(reason))
        .finally(() => live && setPolls((n) => n + 1));
    }, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, pollId, polls, failed]);

  const ended = state.phase === "job" && state.job.status === "succeeded" ? state.job : null;
  useEffect(() => {
    if (ended && watched.current.delete(ended.id)) succeeded.current?.(ended);
  }, [ended]);

  const cancel = useCallback(() => {
    if (state.phase === "uploading") {
      upload.current?.abort();
      return;
    }
    if (state.phase !== "job") return;
    dispatch({ type: "cancel-requested" });
    cancelJob(api, state.job.id).then(begin, failed);
  }, [api, state, begin, failed]);

  const reset = useCallback(() => {
    upload.current?.abort();
    dispatch({ type: "reset" });
  }, []);

  return { state, startImport: startImportCb, startExport: startExportCb, follow: begin, cancel, reset };
}
