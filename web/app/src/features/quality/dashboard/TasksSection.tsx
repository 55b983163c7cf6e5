import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useQuery } from "../../../api/useQuery";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { taskQuality } from "../controlApi";
import { GroupSection } from "./GroupSection";
import { forbidden } from "./managerOnly";

/** Each task's totals over its jobs that a ground truth covers. */
export function TasksSection({ projectId }: { projectId: number }) {
  const { t } = useTranslation("quality");
  const tasks = useQuery((api) => taskQuality(api, projectId), [projectId]);
  if (forbidden(tasks.error)) return null;
  if (tasks.error) return <ErrorBanner error={tasks.error} />;
  if (!tasks.data) return null;
  return (
    <GroupSection
      id="quality-tasks"
      title={t("sections.tasks")}
      chartTitle={t("charts.f1ByTask")}
      nameHeader={t("columns.task")}
      csvNames={["task_id", "name", "jobs", "frames_compared", "score", "flagged"]}
      csvFile={`project-${projectId}-tasks.csv`}
      empty={t("empty.jobs")}
      groups={tasks.data.map((task) => {
        const name = task.name ?? t("tasks.name", { id: task.task_id });
        return {
          key: String(task.task_id),
          name,
          cell: <Link to={`/tasks/${task.task_id}`}>{name}</Link>,
          csvName: [task.task_id, name, task.jobs.join(" "), task.frames_compared, task.score, task.flagged ? 1 : 0],
          flagged: task.flagged,
          summary: task.summary,
        };
      })}
    />
  );
}
