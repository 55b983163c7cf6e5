import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router-dom";
import { useQuery } from "../../../api/useQuery";
import { idParam } from "../../../pages/listParams";
import { NotFoundPage } from "../../../pages/NotFoundPage";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { projectQuality } from "../api";
import { ConflictTypes } from "../ConflictTypes";
import { qualityRules } from "../controlApi";
import { LabelsSection } from "../LabelsSection";
import { MetricCards } from "../MetricCards";
import { usePeople } from "../people";
import { QualityNav } from "../QualityNav";
import { readThresholds, shownThresholds, writeThresholds } from "../thresholds";
import { ThresholdsForm } from "../ThresholdsForm";
import { TrackingCards } from "../TrackingCards";
import { AnnotatorsSection } from "./AnnotatorsSection";
import { ExportLinks } from "./ExportLinks";
import { JobsSection } from "./JobsSection";
import { ReviewSection } from "./ReviewSection";
import { TasksSection } from "./TasksSection";

export function ProjectQualityPage() {
  const projectId = idParam(useParams().projectId);
  return projectId === null ? <NotFoundPage /> : <ProjectQuality projectId={projectId} />;
}

/** A project's quality: totals over its jobs that have a ground truth, per job, annotator, task and label,
 * conflicts by type, and (for managers) what needs review and the CSV exports. */
function ProjectQuality({ projectId }: { projectId: number }) {
  const { t } = useTranslation("quality");
  const [params, setParams] = useSearchParams();
  const thresholds = readThresholds(params);
  const project = useQuery((api) => api.getProject(projectId), [projectId]);
  const quality = useQuery((api) => projectQuality(api, projectId, thresholds), [projectId, thresholds.iou_threshold, thresholds.low_overlap_threshold]);
  // Reading the stored rules needs the manager's right: it tells whether to show the managers' sections.
  const rules = useQuery((api) => qualityRules(api, projectId), [projectId]);
  const manager = rules.data !== undefined;
  const people = usePeople(projectId);
  const data = quality.data;
  const file = (what: string) => `project-${projectId}-${what}.csv`;
  return (
    <section className="page quality-page" data-testid="quality-dashboard" aria-busy={quality.loading}>
      <QualityNav projectId={projectId} projectName={project.data?.name} manager={manager} />
      <div className="page__head">
        <h1>{t("dashboard.title")}</h1>
        <ThresholdsForm value={shownThresholds(thresholds, data?.settings)} onApply={(next) => setParams(writeThresholds(params, next))} />
      </div>
      {manager && <ExportLinks projectId={projectId} />}
      <ErrorBanner error={quality.error} />
      {data === undefined ? (
        !quality.error && <Loading />
      ) : (
        <>
          <MetricCards metrics={data.summary} />
          {manager && <ReviewSection projectId={projectId} people={people} />}
          <JobsSection jobs={data.jobs} jobsWithoutReference={data.jobs_without_reference} people={people} csvFile={file("jobs")} />
          {manager && <AnnotatorsSection projectId={projectId} people={people} />}
          {manager && <TasksSection projectId={projectId} />}
          <LabelsSection labels={data.labels} csvFile={file("labels")} />
          <ConflictTypes metrics={data.summary} csvFile={file("conflict-types")} />
          {data.tracking && <TrackingCards tracking={data.tracking} />}
        </>
      )}
    </section>
  );
}
