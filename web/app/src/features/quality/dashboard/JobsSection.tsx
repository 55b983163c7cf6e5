import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { JobQualitySummary } from "../api";
import { type People, personName } from "../people";
import { GroupSection } from "./GroupSection";

interface JobsSectionProps {
  jobs: readonly JobQualitySummary[];
  jobsWithoutReference: readonly number[];
  people: People;
  csvFile: string;
}

/** Quality per job: F1 as bars, the figures in a table whose rows open each job's report; jobs below the
 * project's review threshold are marked. */
export function JobsSection({ jobs, jobsWithoutReference, people, csvFile }: JobsSectionProps) {
  const { t } = useTranslation("quality");
  const jobName = (id: number) => t("jobs.name", { id });
  return (
    <GroupSection
      id="quality-jobs"
      title={t("sections.jobs")}
      chartTitle={t("charts.f1ByJob")}
      nameHeader={t("columns.job")}
      csvNames={["job_id", "reference_job_id", "task_id", "assignee_id", "flagged"]}
      csvFile={csvFile}
      empty={t("empty.jobs")}
      groups={jobs.map((j) => ({
        key: String(j.job_id),
        name: jobName(j.job_id),
        cell: (
          <>
            <Link to={`/jobs/${j.job_id}/quality`} data-testid="quality-job-link">
              {jobName(j.job_id)}
            </Link>{" "}
            <span className="muted small">{personName(t, people, j.assignee_id)}</span>
            {j.flagged && <span className="badge quality-badge--error">{t("jobs.flagged")}</span>}
          </>
        ),
        csvName: [j.job_id, j.reference_job_id, j.task_id, j.assignee_id, j.flagged ? 1 : 0],
        flagged: j.flagged,
        summary: j.summary,
      }))}
    >
      {jobsWithoutReference.length > 0 && (
        <p className="muted small" data-testid="quality-jobs-without-reference">
          {t("jobs.withoutReference", { jobs: jobsWithoutReference.map((id) => jobName(id)).join(", ") })}
        </p>
      )}
    </GroupSection>
  );
}
