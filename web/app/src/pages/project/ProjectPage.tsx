import type { ProjectPublic } from "@annota/api-client";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { useQuery } from "../../api/useQuery";
import { ProjectCloudStorage } from "../../features/cloud/ProjectCloudStorage";
import { ProjectDatasetActions } from "../../features/datasets/ProjectDatasetActions";
import { ProjectQualityLinks } from "../../features/quality/ProjectQualityLinks";
import { ProjectTeamLinks } from "../../features/teams/ProjectTeamLinks";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Loading } from "../../ui/Loading";
import { PageError } from "../../ui/PageError";
import { idParam } from "../listParams";
import { NotFoundPage } from "../NotFoundPage";
import { GuidelinesEditor } from "./GuidelinesEditor";
import { LabelManager } from "./LabelManager";
import { ProjectTasks } from "./ProjectTasks";

export function ProjectPage() {
  const projectId = idParam(useParams().projectId);
  return projectId === null ? <NotFoundPage /> : <ProjectView projectId={projectId} />;
}

function ProjectView({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const [labelsVersion, setLabelsVersion] = useState(0);
  const [tasksVersion, setTasksVersion] = useState(0);
  const project = useQuery((api) => api.getProject(projectId), [projectId]);
  const labels = useQuery((api) => api.listLabels(projectId), [projectId, labelsVersion]);
  const [saved, setSaved] = useState<ProjectPublic | null>(null);
  useEffect(() => setSaved(null), [projectId]);

  if (project.error) return <PageError error={project.error} />;
  if (!project.data) return <Loading />;
  const current = saved ?? project.data;
  return (
    <section className="page">
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to="/projects">{t("nav.projects")}</Link>
      </nav>
      <div className="page__head">
        <h1 data-testid="project-title">{current.name}</h1>
        <div className="page__actions">
          <ProjectTeamLinks projectId={projectId} />
          <ProjectQualityLinks projectId={projectId} />
          <ProjectDatasetActions
            projectId={projectId}
            onImported={() => {
              // An import adds tasks, and labels it did not find.
              setTasksVersion((v) => v + 1);
              setLabelsVersion((v) => v + 1);
            }}
          />
        </div>
      </div>
      {current.description && <p className="description">{current.description}</p>}

      <div className="columns">
        <section className="panel" aria-labelledby="labels-title">
          <h2 id="labels-title">{t("labels.title")}</h2>
          <ErrorBanner error={labels.error} />
          {labels.data ? (
            <LabelManager projectId={projectId} labels={labels.data} onChanged={() => setLabelsVersion((v) => v + 1)} />
          ) : (
            !labels.error && <Loading />
          )}
        </section>
        <ProjectTasks key={tasksVersion} projectId={projectId} />
      </div>
      <GuidelinesEditor project={current} onSaved={setSaved} />
      <ProjectCloudStorage projectId={projectId} />
    </section>
  );
}
