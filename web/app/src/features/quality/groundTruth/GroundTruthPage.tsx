import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { useQuery } from "../../../api/useQuery";
import { idParam } from "../../../pages/listParams";
import { NotFoundPage } from "../../../pages/NotFoundPage";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { QualityNav } from "../QualityNav";
import { TaskGroundTruth } from "./TaskGroundTruth";

export function GroundTruthPage() {
  const projectId = idParam(useParams().projectId);
  return projectId === null ? <NotFoundPage /> : <GroundTruthSetup projectId={projectId} />;
}

/** Ground truth of each task of the project: frames annotated by trusted people that annotators' work is
 * measured against (marked frames, or honeypots hidden in every job). */
function GroundTruthSetup({ projectId }: { projectId: number }) {
  const { t } = useTranslation("quality");
  const project = useQuery((api) => api.getProject(projectId), [projectId]);
  const tasks = useQuery((api) => api.listTasks({ project_id: projectId, page_size: 100 }), [projectId]);
  return (
    <section className="page quality-page" data-testid="quality-ground-truth">
      <QualityNav projectId={projectId} projectName={project.data?.name} manager />
      <h1>{t("groundTruth.title")}</h1>
      <p className="muted">{t("groundTruth.intro")}</p>
      <ErrorBanner error={tasks.error} />
      {!tasks.data && !tasks.error && <Loading />}
      {tasks.data?.items.length === 0 && <p className="empty">{t("groundTruth.noTasks")}</p>}
      {tasks.data?.items.map((task) => <TaskGroundTruth key={task.id} task={task} />)}
    </section>
  );
}
