import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useQuery } from "../../api/useQuery";
import { formatDateTime, formatInteger } from "../../format/format";
import { enumLabel } from "../../i18n/enumLabel";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Loading } from "../../ui/Loading";
import { Pagination } from "../../ui/Pagination";
import { TaskCreateForm } from "./TaskCreateForm";

export const TASKS_PAGE_SIZE = 20;

export function ProjectTasks({ projectId }: { projectId: number }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const tasks = useQuery(
    (api) => api.listTasks({ project_id: projectId, page, page_size: TASKS_PAGE_SIZE, sort: "-created_at" }),
    [projectId, page],
  );

  return (
    <section className="panel panel--wide" aria-labelledby="tasks-title">
      <h2 id="tasks-title">{t("tasks.title")}</h2>
      <TaskCreateForm projectId={projectId} />
      <ErrorBanner error={tasks.error} />
      {tasks.loading && !tasks.data && <Loading />}
      {tasks.data && tasks.data.items.length === 0 && <p className="empty">{t("tasks.empty")}</p>}
      {tasks.data && tasks.data.items.length > 0 && (
        <>
          <table className="table" aria-busy={tasks.loading}>
            <thead>
              <tr>
                <th scope="col">{t("tasks.columns.name")}</th>
                <th scope="col">{t("tasks.columns.mediaKind")}</th>
                <th scope="col" className="num">
                  {t("tasks.columns.media")}
                </th>
                <th scope="col" className="num">
                  {t("tasks.columns.jobs")}
                </th>
                <th scope="col">{t("tasks.columns.created")}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.data.items.map((task) => (
                <tr key={task.id} data-testid="task-row" data-task-id={task.id}>
                  <td>
                    <Link to={`/tasks/${task.id}`}>{task.name}</Link>
                  </td>
                  <td>{task.media_kind ? enumLabel(t, "mediaKind", task.media_kind) : t("common.none")}</td>
                  <td className="num">{formatInteger(i18n.language, task.media_count ?? 0)}</td>
                  <td className="num">{formatInteger(i18n.language, task.job_count ?? 0)}</td>
                  <td>{formatDateTime(i18n.language, task.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination page={page} pageSize={tasks.data.page_size} count={tasks.data.count} onPage={setPage} />
        </>
      )}
    </section>
  );
}
