import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { JobQualitySummary } from "../api";
import { RateChart } from "../charts/RateChart";
import { MetricTable } from "../MetricTable";

/** Quality per job: F1 as bars, the figures in a table whose rows open each job's report. */
export function JobsSection({ jobs, jobsWithoutReference, csvFile }: { jobs: readonly JobQualitySummary[]; jobsWithoutReference: readonly number[]; csvFile: string }) {
  const { t } = useTranslation("quality");
  const jobName = (id: number) => t("jobs.name", { id });
  return (
    <section className="panel quality-section" aria-labelledby="quality-jobs">
      <h2 id="quality-jobs">{t("sections.jobs")}</h2>
      {jobs.length === 0 ? (
        <p className="empty" data-testid="quality-no-jobs">
          {t("empty.jobs")}
        </p>
      ) : (
        <div className="quality-figure">
          <RateChart title={t("charts.f1ByJob")} bars={jobs.map((j) => ({ key: String(j.job_id), name: jobName(j.job_id), value: j.summary.f1 }))} testId="quality-job-chart" />
          <MetricTable
            caption={t("sections.jobs")}
            nameHeader={t("columns.job")}
            csvNames={["job_id", "reference_job_id", "task_id"]}
            csvFile={csvFile}
            rows={jobs.map((j) => ({
              key: String(j.job_id),
              name: (
                <Link to={`/jobs/${j.job_id}/quality`} data-testid="quality-job-link">
                  {jobName(j.job_id)}
                </Link>
              ),
              csvName: [j.job_id, j.reference_job_id, j.task_id],
              metrics: j.summary,
            }))}
            testId="quality-jobs"
          />
        </div>
      )}
      {jobsWithoutReference.length > 0 && (
        <p className="muted small" data-testid="quality-jobs-without-reference">
          {t("jobs.withoutReference", { jobs: jobsWithoutReference.map((id) => jobName(id)).join(", ") })}
        </p>
      )}
    </section>
  );
}
