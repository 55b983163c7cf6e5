import { useTranslation } from "react-i18next";
import { useQuery } from "../../api/useQuery";
import { formatDateTime } from "../../format/format";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { recentJobs } from "./datasetApi";
import type { BackgroundJob, TransferState } from "./transfer";

interface RecentJobsProps {
  projectId: number;
  kind: "import" | "export";
  /** The transfer shown above: the list reloads as its job moves on, and marks it; no job can be shown
   * instead while it uploads or starts. */
  current: TransferState;
  onShow: (job: BackgroundJob) => void;
}

/** The project's latest imports or exports (by anyone who may see them), each one a click from being shown. */
export function RecentJobs({ projectId, kind, current, onShow }: RecentJobsProps) {
  const { t, i18n } = useTranslation("datasets");
  const shownId = current.phase === "job" ? current.job.id : null;
  const shownStatus = current.phase === "job" ? current.job.status : null;
  const sending = current.phase === "uploading" || current.phase === "starting";
  const jobs = useQuery((api) => recentJobs(api, projectId, kind), [projectId, kind, shownId, shownStatus]);
  const titleId = `datasets-recent-${kind}`;
  return (
    <section className="datasets-recent" aria-labelledby={titleId} data-testid="recent-jobs">
      <h3 id={titleId}>{kind === "import" ? t("recent.imports") : t("recent.exports")}</h3>
      <ErrorBanner error={jobs.error} />
      {jobs.data && jobs.data.length === 0 && <p className="muted small">{t("recent.empty")}</p>}
      {jobs.data && jobs.data.length > 0 && (
        <ul>
          {jobs.data.map((job) => (
            <li key={job.id} data-testid="recent-job" data-job-id={job.id}>
              <span>{t("recent.job", { id: job.id })}</span> <span>{t(`status.${job.status}`)}</span>{" "}
              <span className="muted small">{formatDateTime(i18n.language, job.created_at)}</span>{" "}
              {job.id === shownId ? (
                <span className="muted small">{t("recent.shown")}</span>
              ) : (
                <button
                  type="button"
                  className="button button--ghost button--small"
                  disabled={sending}
                  onClick={() => onShow(job)}
                >
                  {t("recent.show")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
