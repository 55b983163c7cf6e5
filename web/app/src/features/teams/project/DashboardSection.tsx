import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useQuery } from "../../../api/useQuery";
import { formatInteger } from "../../../format/format";
import { enumLabel } from "../../../i18n/enumLabel";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { settle } from "../api/settle";
import { DueDate } from "../work/DueDate";
import { progressRows } from "./dashboardRows";
import { nameOf, type ProjectPeople } from "./people";

/** Progress by stage, overdue jobs and each person's load. */
export function DashboardSection({ team }: { team: ProjectPeople }) {
  const { t, i18n } = useTranslation("teams");
  const tr = useTranslation().t;
  const projectId = team.project.id;
  const dashboard = useQuery(
    (client) => settle(client.raw.GET("/api/projects/{project_id}/dashboard", { params: { path: { project_id: projectId } } })),
    [projectId],
  );
  if (dashboard.error) return <ErrorBanner error={dashboard.error} />;
  if (!dashboard.data) return <Loading />;
  const data = dashboard.data;
  const rows = progressRows(data.progress, data.jobs);
  const who = (id: number | null, name: string | null | undefined) =>
    nameOf(team.people, id) ?? name ?? (id === null ? t("common.nobody") : t("common.user", { id }));
  return (
    <div data-testid="team-dashboard">
      <p className="teams-totals" data-testid="dashboard-totals">
        {[
          t("dashboard.count.jobs", { count: data.jobs, n: formatInteger(i18n.language, data.jobs) }),
          t("dashboard.count.accepted", { count: data.completed, n: formatInteger(i18n.language, data.completed) }),
          t("dashboard.count.frames", { count: data.frames_total, n: formatInteger(i18n.language, data.frames_total) }),
          t("dashboard.count.issues", { count: data.open_issues, n: formatInteger(i18n.language, data.open_issues) }),
        ].join(t("dashboard.count.separator"))}
      </p>
      <section className="panel" aria-labelledby="teams-progress-title">
        <h2 id="teams-progress-title">{t("dashboard.progress")}</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("work.columns.stage")}</th>
              <th scope="col">{t("dashboard.state")}</th>
              <th scope="col">{t("dashboard.jobs")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("dashboard.share")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.stage}-${row.state}`} data-testid="progress-row" data-stage={row.stage} data-state={row.state}>
                <td>{enumLabel(tr, "jobStage", row.stage)}</td>
                <td>{enumLabel(tr, "jobState", row.state)}</td>
                <td className="num">{formatInteger(i18n.language, row.count)}</td>
                <td>
                  <span className="teams-bar" style={{ width: `${Math.round(row.share * 200)}px` }} aria-hidden="true" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby="teams-overdue-title">
        <h2 id="teams-overdue-title">{t("dashboard.overdue")}</h2>
        {data.overdue.length === 0 ? (
          <p className="empty">{t("dashboard.noOverdue")}</p>
        ) : (
          <ul className="teams-list">
            {data.overdue.map((job) => (
              <li key={job.job_id} data-testid="overdue-job" data-job-id={job.job_id}>
                <Link to={`/jobs/${job.job_id}`}>{t("work.job", { id: job.job_id })}</Link>
                <span>{who(job.assignee_id, job.assignee_name)}</span>
                <span className="muted">{enumLabel(tr, "jobStage", job.stage)}</span>
                <DueDate due={job.due} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="teams-load-title">
        <h2 id="teams-load-title">{t("dashboard.load")}</h2>
        {data.load.length === 0 ? (
          <p className="empty">{t("dashboard.noLoad")}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("members.columns.username")}</th>
                <th scope="col">{t("dashboard.annotating")}</th>
                <th scope="col">{t("dashboard.reviewing")}</th>
                <th scope="col">{t("dashboard.frames")}</th>
                <th scope="col">{t("dashboard.overdueCount")}</th>
                <th scope="col">{t("dashboard.done")}</th>
              </tr>
            </thead>
            <tbody>
              {data.load.map((person) => (
                <tr key={person.user_id} data-testid="load-row" data-username={person.username}>
                  <td>{person.username}</td>
                  <td className="num">{person.annotating}</td>
                  <td className="num">{person.reviewing}</td>
                  <td className="num">{formatInteger(i18n.language, person.frames)}</td>
                  <td className="num">{person.overdue}</td>
                  <td className="num">{person.done}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
