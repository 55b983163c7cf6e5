import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { useApi } from "../../../api/ApiContext";
import { useQuery } from "../../../api/useQuery";
import { useSubmit } from "../../../api/useSubmit";
import { enumLabel } from "../../../i18n/enumLabel";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { settle } from "../api/settle";
import type { WorkItem } from "../api/types";
import { DueDate } from "./DueDate";
import { useGuidelinesGate } from "./GuidelinesGate";
import { PoolOffers } from "./PoolOffers";
import { sortWork, startAction } from "./workOrder";

/** "My work": the jobs waiting for me, overdue first, with a way to start the next one. */
export function MyWorkPage() {
  const { t } = useTranslation("teams");
  const tr = useTranslation().t;
  const api = useApi();
  const navigate = useNavigate();
  const gate = useGuidelinesGate();
  const work = useQuery((client) => settle(client.raw.GET("/api/me/work")), []);
  const items = sortWork(work.data ?? []);

  const begin = useSubmit((item: WorkItem) =>
    gate.guard(item.project_id, async () => {
      const action = startAction(item);
      if (action !== null) {
        await settle(
          api.raw.POST("/api/jobs/{job_id}/transitions", { params: { path: { job_id: item.job_id } }, body: { action } }),
        );
      }
      navigate(`/jobs/${item.job_id}`);
    }),
  );

  return (
    <section className="page" data-testid="my-work">
      <div className="page__head">
        <h1>{t("work.title")}</h1>
        <div className="page__actions">
          <Link to="/me/time" className="button" data-testid="my-time-link">
            {t("time.mine")}
          </Link>
          <button
            type="button"
            className="button button--primary"
            disabled={items.length === 0 || begin.pending}
            onClick={() => items[0] && void begin.submit(items[0])}
            data-testid="work-start-next"
          >
            {t("work.startNext")}
          </button>
        </div>
      </div>
      <ErrorBanner error={work.error ?? begin.error} />
      {work.loading && !work.data && <Loading />}
      {work.data && items.length === 0 && (
        <p className="empty" data-testid="work-empty">
          {t("work.empty")}
        </p>
      )}
      {items.length > 0 && (
        <table className="table" aria-busy={work.loading}>
          <thead>
            <tr>
              <th scope="col">{t("work.columns.job")}</th>
              <th scope="col">{t("work.columns.project")}</th>
              <th scope="col">{t("work.columns.role")}</th>
              <th scope="col">{t("work.columns.stage")}</th>
              <th scope="col">{t("work.columns.priority")}</th>
              <th scope="col">{t("work.columns.due")}</th>
              <th scope="col">{t("work.columns.issues")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("work.columns.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const action = startAction(item);
              return (
                <tr key={`${item.job_id}-${item.role}`} data-testid="work-row" data-job-id={item.job_id} data-overdue={item.overdue}>
                  <td>
                    <Link to={`/jobs/${item.job_id}`}>{t("work.job", { id: item.job_id })}</Link>
                    <div className="muted small">
                      <Link to={`/tasks/${item.task_id}`}>{item.task_name}</Link>{" "}
                      {t("work.frames", { start: item.frame_start, stop: item.frame_stop })}
                    </div>
                  </td>
                  <td>
                    <Link to={`/projects/${item.project_id}`}>{item.project_name}</Link>
                  </td>
                  <td>{item.role === "reviewer" ? t("work.role.reviewer") : t("work.role.assignee")}</td>
                  <td>
                    {enumLabel(tr, "jobStage", item.stage)}
                    <div className="muted small">{enumLabel(tr, "jobState", item.state)}</div>
                  </td>
                  <td className="num">{item.priority}</td>
                  <td>
                    <DueDate due={item.due} />
                  </td>
                  <td className="num" data-testid="work-issues">
                    {item.open_issues}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button--small"
                      disabled={begin.pending}
                      onClick={() => void begin.submit(item)}
                      aria-label={t(action === "start" ? "work.startJob" : action === "start_review" ? "work.reviewJob" : "work.openJob", { id: item.job_id })}
                      data-testid={action === null ? "work-open" : "work-start"}
                    >
                      {action === "start" ? t("work.start") : action === "start_review" ? t("work.review") : t("work.open")}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <PoolOffers guard={gate.guard} />
      {gate.dialog}
    </section>
  );
}
