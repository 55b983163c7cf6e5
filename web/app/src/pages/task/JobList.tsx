import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useQuery } from "../../api/useQuery";
import { JobTransitions } from "../../features/teams/jobs/JobTransitions";
import { DueDate } from "../../features/teams/work/DueDate";
import { enumLabel } from "../../i18n/enumLabel";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Loading } from "../../ui/Loading";

/** Jobs of a task (a task has few: one per segment), so one page of up to 500 is shown. */
export const JOBS_PAGE_SIZE = 500;

export function JobList({ taskId, revision }: { taskId: number; revision: number }) {
  const { t } = useTranslation();
  const [moved, setMoved] = useState(0);
  const teams = useTranslation("teams").t;
  const jobs = useQuery(
    (api) => api.listJobs({ task_id: taskId, page: 1, page_size: JOBS_PAGE_SIZE }),
    [taskId, revision, moved],
  );

  return (
    <section className="panel" aria-labelledby="jobs-title">
      <h2 id="jobs-title">{t("jobs.title")}</h2>
      <ErrorBanner error={jobs.error} />
      {jobs.loading && !jobs.data && <Loading />}
      {jobs.data && jobs.data.items.length === 0 && <p className="empty">{t("jobs.empty")}</p>}
      {jobs.data && jobs.data.items.length > 0 && (
        <table className="table" aria-busy={jobs.loading}>
          <thead>
            <tr>
              <th scope="col">{t("jobs.columns.id")}</th>
              <th scope="col">{t("jobs.columns.frames")}</th>
              <th scope="col">{t("jobs.columns.stage")}</th>
              <th scope="col">{t("jobs.columns.state")}</th>
              <th scope="col">{t("jobs.columns.assignee")}</th>
              <th scope="col">{teams("assign.reviewer")}</th>
              <th scope="col">{teams("assign.deadline")}</th>
              <th scope="col">{teams("work.columns.issues")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("jobs.columns.open")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.data.items.map((job) => (
              <tr key={job.id} data-testid="job-row" data-job-id={job.id}>
                <td>{t("jobs.id", { id: job.id })}</td>
                <td>{t("jobs.frames", { start: job.frame_start, stop: job.frame_stop })}</td>
                <td>{enumLabel(t, "jobStage", job.stage)}</td>
                <td>{enumLabel(t, "jobState", job.state)}</td>
                <td>{job.assignee_id === null ? t("jobs.unassigned") : (job.assignee_name ?? t("jobs.user", { id: job.assignee_id }))}</td>
                <td>{job.reviewer_id === null ? t("jobs.unassigned") : (job.reviewer_name ?? t("jobs.user", { id: job.reviewer_id }))}</td>
                <td>
                  <DueDate due={job.deadline} />
                </td>
                <td className="num" data-testid="job-open-issues">
                  {job.open_issues}
                </td>
                <td>
                  <Link to={`/jobs/${job.id}`} className="button button--small" data-testid="job-open">
                    {t("jobs.open")}
                  </Link>{" "}
                  <JobTransitions jobId={job.id} onMoved={() => setMoved((m) => m + 1)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {jobs.data && jobs.data.count > jobs.data.items.length && (
        <p className="muted small">{t("jobs.more", { shown: jobs.data.items.length, total: jobs.data.count })}</p>
      )}
    </section>
  );
}
