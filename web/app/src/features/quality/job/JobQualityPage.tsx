import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { useQuery } from "../../../api/useQuery";
import { idParam } from "../../../pages/listParams";
import { NotFoundPage } from "../../../pages/NotFoundPage";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { jobReport } from "../api";
import { ConflictTypes } from "../ConflictTypes";
import { labelNames } from "../figures";
import { LabelsSection } from "../LabelsSection";
import { MetricCards } from "../MetricCards";
import { readThresholds, shownThresholds, writeThresholds } from "../thresholds";
import { ThresholdsForm } from "../ThresholdsForm";
import { TrackingCards } from "../TrackingCards";
import { ConflictList } from "./ConflictList";

export function JobQualityPage() {
  const jobId = idParam(useParams().jobId);
  return jobId === null ? <NotFoundPage /> : <JobQuality jobId={jobId} />;
}

/** One job against its ground truth: the figures, and the conflicts frame by frame linked into the workspace. */
function JobQuality({ jobId }: { jobId: number }) {
  const { t } = useTranslation("quality");
  const [params, setParams] = useSearchParams();
  const thresholds = readThresholds(params);
  const report = useQuery((api) => jobReport(api, jobId, thresholds), [jobId, thresholds.iou_threshold, thresholds.low_overlap_threshold]);
  const taskId = report.data?.task_id;
  const task = useQuery((api) => (taskId === undefined ? Promise.resolve(undefined) : api.getTask(taskId)), [taskId]);
  const data = report.data;
  const file = (what: string) => `job-${jobId}-${what}.csv`;
  return (
    <section className="page quality-page" data-testid="quality-job-report" aria-busy={report.loading}>
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to="/projects">{t("nav.projects")}</Link>
        {task.data && (
          <>
            <span aria-hidden="true">›</span>
            <Link to={`/projects/${task.data.project_id}/quality`} data-testid="quality-project-link">
              {t("dashboard.title")}
            </Link>
            <span aria-hidden="true">›</span>
            <Link to={`/tasks/${task.data.id}`}>{task.data.name}</Link>
          </>
        )}
      </nav>
      <div className="page__head">
        <h1>{t("job.title", { id: jobId })}</h1>
        <ThresholdsForm value={shownThresholds(thresholds, data?.settings)} onApply={(next) => setParams(writeThresholds(params, next))} />
      </div>
      <nav className="quality-exports" aria-label={t("job.links")}>
        <Link to={`/jobs/${jobId}`}>{t("job.openWorkspace")}</Link>
        <Link to={`/jobs/${jobId}/consensus`} data-testid="quality-consensus-link">
          {t("consensus.open")}
        </Link>
      </nav>
      <ErrorBanner error={report.error} />
      {data === undefined ? (
        !report.error && <Loading />
      ) : (
        <>
          <p className="muted" data-testid="quality-reference">
            {t("job.comparedWith", { reference: data.reference_job_id, compared: data.frames_compared, start: data.frame_start, stop: data.frame_stop })}
          </p>
          <MetricCards metrics={data.summary} />
          <ConflictList frames={data.frames} labelNames={labelNames(data.labels)} csvFile={file("conflicts")} />
          <LabelsSection labels={data.labels} csvFile={file("labels")} />
          <ConflictTypes metrics={data.summary} csvFile={file("conflict-types")} />
          {data.tracking && <TrackingCards tracking={data.tracking} />}
        </>
      )}
    </section>
  );
}
