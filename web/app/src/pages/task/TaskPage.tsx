import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { useQuery } from "../../api/useQuery";
import { TaskCloudMedia } from "../../features/cloud/TaskCloudMedia";
import { formatInteger } from "../../format/format";
import { Loading } from "../../ui/Loading";
import { PageError } from "../../ui/PageError";
import { idParam } from "../listParams";
import { NotFoundPage } from "../NotFoundPage";
import { JobList } from "./JobList";
import { MediaGrid } from "./MediaGrid";
import { MediaUpload } from "./MediaUpload";

export function TaskPage() {
  const taskId = idParam(useParams().taskId);
  return taskId === null ? <NotFoundPage /> : <TaskView taskId={taskId} />;
}

function TaskView({ taskId }: { taskId: number }) {
  const { t, i18n } = useTranslation();
  // Bumped after an upload: media, jobs and counts all change.
  const [revision, setRevision] = useState(0);
  const task = useQuery((api) => api.getTask(taskId), [taskId, revision]);
  const projectId = task.data?.project_id;
  const project = useQuery(
    (api) => (projectId === undefined ? Promise.resolve(null) : api.getProject(projectId)),
    [projectId],
  );

  if (task.error) return <PageError error={task.error} />;
  if (!task.data) return <Loading />;
  return (
    <section className="page">
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to="/projects">{t("nav.projects")}</Link>
        <span aria-hidden="true">/</span>
        <Link to={`/projects/${task.data.project_id}`}>{project.data?.name ?? t("common.loading")}</Link>
      </nav>
      <div className="page__head">
        <h1 data-testid="task-title">{task.data.name}</h1>
        <p className="muted">
          {t("tasks.summary", {
            media: formatInteger(i18n.language, task.data.media_count ?? 0),
            jobs: formatInteger(i18n.language, task.data.job_count ?? 0),
          })}
        </p>
      </div>
      <MediaUpload taskId={taskId} onUploaded={() => setRevision((r) => r + 1)} />
      <TaskCloudMedia taskId={taskId} projectId={task.data.project_id} onAdded={() => setRevision((r) => r + 1)} />
      <MediaGrid taskId={taskId} revision={revision} />
      <JobList taskId={taskId} revision={revision} />
    </section>
  );
}
