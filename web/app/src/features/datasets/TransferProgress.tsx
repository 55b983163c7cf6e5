import { useTranslation } from "react-i18next";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { ExportResult, ImportResult, ProblemList } from "./JobResults";
import { hasEnded, percentOf, type TransferState } from "./transfer";
import type { Transfer } from "./useTransfer";

/** Where an import or export stands: a progress bar with the server's message, cancel, then how it ended. */
export function TransferProgress({ transfer }: { transfer: Transfer }) {
  const { t } = useTranslation("datasets");
  const { state } = transfer;
  if (state.phase === "form") return null;
  if (state.phase === "refused") {
    return (
      <div data-testid="transfer-refused">
        <ErrorBanner error={state.error} />
        <Again transfer={transfer} />
      </div>
    );
  }
  const percent = percentOf(state) ?? 0;
  const ended = state.phase === "job" && hasEnded(state.job);
  return (
    <div className="datasets-progress" data-testid="transfer">
      {/* Only the headline is announced: the job's message changes with every item. */}
      <p className="datasets-progress__status" data-testid="transfer-status">
        <strong role="status">{headline(t, state)}</strong>
        {state.phase === "job" && state.job.message !== "" && <span> {state.job.message}</span>}
      </p>
      {!ended && (
        <div className="datasets-progress__bar">
          <progress max={100} value={percent} aria-label={t("progress.label")} data-testid="transfer-progress" />
          <span>{t("progress.percent", { percent })}</span>
          <button
            type="button"
            className="button button--small"
            onClick={transfer.cancel}
            disabled={state.phase === "starting" || (state.phase === "job" && state.cancelling)}
            data-testid="transfer-cancel"
          >
            {state.phase === "job" && state.cancelling ? t("progress.cancelling") : t("progress.cancel")}
          </button>
        </div>
      )}
      {state.phase === "job" && state.job.status === "failed" && <ProblemList job={state.job} />}
      {state.phase === "job" && <ImportResult job={state.job} />}
      {state.phase === "job" && <ExportResult job={state.job} />}
      {ended && <Again transfer={transfer} />}
    </div>
  );
}

function headline(t: ReturnType<typeof useTranslation<"datasets">>["t"], state: TransferState): string {
  switch (state.phase) {
    case "uploading":
      return t("progress.uploading");
    case "job":
      return t(`status.${state.job.status}`);
    default:
      return t("progress.starting");
  }
}

function Again({ transfer }: { transfer: Transfer }) {
  const { t } = useTranslation("datasets");
  return (
    <div className="dialog__choices">
      <button type="button" className="button" onClick={transfer.reset} data-testid="transfer-again">
        {t("progress.again")}
      </button>
    </div>
  );
}
