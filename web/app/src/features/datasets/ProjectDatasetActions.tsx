import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "../../api/useQuery";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Loading } from "../../ui/Loading";
import { listFormats } from "./datasetApi";
import { DatasetDialog } from "./DatasetDialog";
import "./datasets.css";
import { ExportForm } from "./ExportForm";
import { ImportForm } from "./ImportForm";
import { RecentJobs } from "./RecentJobs";
import { isBusy, percentOf, type BackgroundJob } from "./transfer";
import { TransferProgress } from "./TransferProgress";
import { type Transfer, useTransfer } from "./useTransfer";

interface ProjectDatasetActionsProps {
  projectId: number;
  /** Hears of each import that succeeded while this page watched it (the page reloads its tasks). */
  onImported?: (job: BackgroundJob) => void;
}

type Mode = "import" | "export";

/**
 * Import and export on a project's page: a button for each, opening its dialog. Both transfers live
 * here, not in the dialog, so one that runs goes on (and shows its progress on the button) when the
 * dialog closes.
 */
export function ProjectDatasetActions({ projectId, onImported }: ProjectDatasetActionsProps) {
  const { t } = useTranslation("datasets");
  const [open, setOpen] = useState<Mode | null>(null);
  const transfers: Record<Mode, Transfer> = {
    import: useTransfer(projectId, onImported),
    export: useTransfer(projectId),
  };

  return (
    <>
      {(["import", "export"] as const).map((mode) => (
        <button
          key={mode}
          type="button"
          className="button"
          aria-haspopup="dialog"
          onClick={() => setOpen(mode)}
          data-testid={`datasets-${mode}`}
        >
          {t(`actions.${mode}`)}
          {isBusy(transfers[mode].state) && (
            <span className="badge datasets-badge">
              {t("actions.running", { percent: percentOf(transfers[mode].state) ?? 0 })}
            </span>
          )}
        </button>
      ))}
      {open && (
        <DatasetDialog title={t(`${open}.title`)} onClose={() => setOpen(null)} testId={`datasets-dialog-${open}`}>
          <TransferPanel projectId={projectId} mode={open} transfer={transfers[open]} />
        </DatasetDialog>
      )}
    </>
  );
}

function TransferPanel({ projectId, mode, transfer }: { projectId: number; mode: Mode; transfer: Transfer }) {
  const { state } = transfer;
  const formats = useQuery(listFormats, []);
  const form = state.phase === "form";
  return (
    <>
      {form && <ErrorBanner error={formats.error} />}
      {form && !formats.data && !formats.error && <Loading />}
      {form && formats.data && mode === "import" && (
        <ImportForm projectId={projectId} formats={formats.data} onSubmit={transfer.startImport} />
      )}
      {form && formats.data && mode === "export" && (
        <ExportForm projectId={projectId} formats={formats.data} onSubmit={transfer.startExport} />
      )}
      <TransferProgress transfer={transfer} />
      <RecentJobs projectId={projectId} kind={mode} current={state} onShow={transfer.follow} />
    </>
  );
}
