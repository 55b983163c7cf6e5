import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { useQuery } from "../../api/useQuery";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Loading } from "../../ui/Loading";
import { PageError } from "../../ui/PageError";
import { idParam } from "../listParams";
import { NotFoundPage } from "../NotFoundPage";
import { LabelList } from "./LabelList";
import { ProjectTasks } from "./ProjectTasks";

export function ProjectPage() {
  const projectId = idParam(useParams().projectId);
  return projectId === null ? <NotFoundPage /> : <ProjectView projectId={projectId} />;
}

function ProjectView({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const project = useQuery((api) => api.getProject(projectId), [projectId]);
  const labels = useQuery((api) => api.listLabels(projectId), [projectId]);

  if (project.error) return <PageError error={project.error} />;
  if (!project.data) return <Loading />;
  return (
    <section className="page">
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to="/projects">{t("nav.projects")}</Link>
      </nav>
      <div className="page__head">
        <h1 data-testid="project-title">{project.data.name}</h1>
      </div>
      {project.data.description && <p className="description">{project.data.description}</p>}

      <div className="columns">
        <section className="panel" aria-labelledby="labels-title">
          <h2 id="labels-title">{t("labels.title")}</h2>
          <ErrorBanner error={labels.error} />
          {labels.data ? <LabelList labels={labels.data} /> : !labels.error && <Loading />}
        </section>
        <ProjectTasks projectId={projectId} />
      </div>
    </section>
  );
}
