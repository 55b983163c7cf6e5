import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useQuery } from "../../../api/useQuery";
import { formatInteger } from "../../../format/format";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { reviewQueue } from "../controlApi";
import { type People, personName } from "../people";
import { formatRate } from "../rates";
import { forbidden } from "./managerOnly";

/** What needs a reviewer: jobs below the review threshold (worst first) and low-agreement consensus frames. */
export function ReviewSection({ projectId, people }: { projectId: number; people: People }) {
  const { t, i18n } = useTranslation("quality");
  const locale = i18n.language;
  const queue = useQuery((api) => reviewQueue(api, projectId), [projectId]);
  if (forbidden(queue.error)) return null;
  if (queue.error) return <ErrorBanner error={queue.error} />;
  const data = queue.data;
  if (!data) return null;
  return (
    <section className="panel quality-section" aria-labelledby="quality-review-title" data-testid="quality-review">
      <h2 id="quality-review-title">{t("sections.review")}</h2>
      <p className="muted small">
        {data.review_threshold === null
          ? t("review.noThreshold")
          : t("review.threshold", { metric: t(`metrics.${data.review_metric}`), threshold: formatRate(locale, data.review_threshold) })}
      </p>
      {data.jobs.length === 0 ? (
        <p className="empty">{t("empty.reviewJobs")}</p>
      ) : (
        <ul className="quality-list" data-testid="quality-review-jobs">
          {data.jobs.map((job) => (
            <li key={job.job_id}>
              <Link to={`/jobs/${job.job_id}/quality`}>{t("jobs.name", { id: job.job_id })}</Link>{" "}
              <span className="muted">{personName(t, people, job.assignee_id)}</span> <strong>{formatRate(locale, job.score)}</strong>{" "}
              <Link to={job.link} className="small">
                {t("review.open")}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <h3>{t("review.frames", { threshold: formatRate(locale, data.agreement_threshold) })}</h3>
      {data.frames.length === 0 ? (
        <p className="empty">{t("empty.reviewFrames")}</p>
      ) : (
        <ul className="quality-list" data-testid="quality-review-frames">
          {data.frames.map((frame) => (
            <li key={`${frame.job_id}-${frame.frame}`}>
              <Link to={frame.link} data-testid="quality-review-frame-link">
                {t("review.frame", { job: frame.job_id, frame: formatInteger(locale, frame.frame) })}
              </Link>{" "}
              <span className="muted">{t("review.agreement", { value: formatRate(locale, frame.agreement), objects: frame.objects })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
