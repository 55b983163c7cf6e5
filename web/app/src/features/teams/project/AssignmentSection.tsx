import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useQuery } from "../../../api/useQuery";
import { enumLabel } from "../../../i18n/enumLabel";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { BulkAssignForm } from "./BulkAssignForm";
import { JobAssignRow } from "./JobAssignRow";
import type { ProjectPeople } from "./people";

/** Jobs of a project shown at once for assignment (the server's page limit). */
const JOBS_PAGE = 1000;
const TASKS_PAGE = 1000;

/** Every job of the project with its assignee, reviewer, deadline and priority; bulk assignment above. */
export function AssignmentSection({ team }: { team: ProjectPeople }) {
  const { t } = useTranslation("teams");
  const tr = useTranslation().t;
  const projectId = team.project.id;
  const [version, setVersion] = useState(0);
  const jobs = useQuery(
    async (api) => {
      const [page, tasks] = await Promise.all([
        api.listJobs({ project_id: projectId, page: 1, page_size: JOBS_PAGE }),
        api.listTasks({ project_id: projectId, page: 1, page_size: TASKS_PAGE }),
      ]);
      return { page, taskNames: new Map(tasks.items.map((task) => [task.id, task.name])) };
    },
    [projectId, version],
  );
  return (
    <div data-testid="team-jobs">
      <BulkAssignForm team={team} onAssigned={() => setVersion((v) => v + 1)} />
      <section className="panel" aria-labelledby="teams-jobs-title">
        <h2 id="teams-jobs-title">{t("assign.title")}</h2>
        <ErrorBanner error={jobs.error} />
        {jobs.loading && !jobs.data && <Loading />}
        {jobs.data && jobs.data.page.items.length === 0 && <p className="empty">{t("assign.empty")}</p>}
        {jobs.data && jobs.data.page.items.length > 0 && (
          <table className="table" aria-busy={jobs.loading}>
            <thead>
              <tr>
                <th scope="col">{t("work.columns.job")}</th>
                <th scope="col">{t("dashboard.state")}</th>
                <th scope="col">{t("assign.assignee")}</th>
                <th scope="col">{t("assign.reviewer")}</th>
                <th scope="col">{t("assign.deadline")}</th>
                <th scope="col">{t("work.columns.priority")}</th>
                <th scope="col">{t("work.columns.issues")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("work.columns.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.page.items.map((job) => (
                <JobAssignRow key={`${job.id}-${job.updated_at}`} job={job} people={team.people}>
                  <Link to={`/jobs/${job.id}`}>{t("work.job", { id: job.id })}</Link>
                  <div className="muted small">
                    {jobs.data?.taskNames.get(job.task_id) ?? ""} {t("work.frames", { start: job.frame_start, stop: job.frame_stop })}
                  </div>
                  <div className="muted small">{enumLabel(tr, "jobStage", job.stage)}</div>
                </JobAssignRow>
              ))}
            </tbody>
          </table>
        )}
        {jobs.data && jobs.data.page.count > jobs.data.page.items.length && (
          <p className="muted small">{t("assign.more", { shown: jobs.data.page.items.length, total: jobs.data.page.count })}</p>
        )}
      </section>
    </div>
  );
}
