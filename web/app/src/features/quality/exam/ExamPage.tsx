import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { useApi } from "../../../api/ApiContext";
import { useQuery } from "../../../api/useQuery";
import { useSubmit } from "../../../api/useSubmit";
import { useUser } from "../../../auth/AuthContext";
import { idParam } from "../../../pages/listParams";
import { NotFoundPage } from "../../../pages/NotFoundPage";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { RateChart } from "../charts/RateChart";
import { forbidden } from "../dashboard/managerOnly";
import { attemptInProgress, exam, examAttempts, isSkill, skillScores, startAttempt, submitAttempt } from "../examApi";
import { usePeople } from "../people";
import { formatRate } from "../rates";
import { AttemptTable } from "./AttemptTable";

export function ExamPage() {
  const projectId = idParam(useParams().projectId);
  return projectId === null ? <NotFoundPage /> : <ExamView projectId={projectId} />;
}

/** A qualification exam as its taker sees it: the rules, their attempts, and the attempt to take or submit;
 * a manager also sees everyone's history. */
function ExamView({ projectId }: { projectId: number }) {
  const { t, i18n } = useTranslation("quality");
  const locale = i18n.language;
  const api = useApi();
  const user = useUser();
  const standing = useQuery((a) => exam(a, projectId), [projectId]);
  const start = useSubmit(async () => {
    await startAttempt(api, projectId);
    standing.reload();
  });
  const submit = useSubmit(async () => {
    await submitAttempt(api, projectId);
    standing.reload();
  });
  const data = standing.data;
  if (standing.error && !data) return <ErrorBanner error={standing.error} />;
  if (!data) return <Loading />;
  const current = attemptInProgress(data.attempts);
  const graded = [...data.attempts].reverse().find((a) => a.state !== "in_progress");
  return (
    <section className="page quality-page" data-testid="quality-exam" data-passed={data.passed}>
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to="/projects">{t("nav.projects")}</Link>
        <span aria-hidden="true">›</span>
        <Link to={`/projects/${projectId}`}>{data.name}</Link>
      </nav>
      <h1>{t("exam.title", { name: data.name })}</h1>
      <p data-testid="quality-exam-rules">
        {t("exam.rules", { score: formatRate(locale, data.pass_score), attempts: data.max_attempts })}{" "}
        <strong>{data.passed ? t("exam.passed") : t("exam.attemptsLeft", { count: data.attempts_left })}</strong>
      </p>
      <ErrorBanner error={start.error ?? submit.error} />
      {current !== null ? (
        <section className="panel quality-section" data-testid="quality-exam-current">
          <h2>{t("exam.current", { number: current.number })}</h2>
          <p className="muted">{t("exam.instructions")}</p>
          <ul className="quality-list">
            {current.job_ids.map((id) => (
              <li key={id}>
                <Link to={`/jobs/${id}`} data-testid="quality-exam-job">
                  {t("jobs.name", { id })}
                </Link>
              </li>
            ))}
          </ul>
          <button type="button" className="button button--primary" onClick={() => void submit.submit()} disabled={submit.pending} data-testid="quality-exam-submit">
            {t("exam.submit")}
          </button>
        </section>
      ) : (
        !data.passed &&
        data.attempts_left > 0 && (
          <button type="button" className="button button--primary" onClick={() => void start.submit()} disabled={start.pending} data-testid="quality-exam-start">
            {t("exam.start")}
          </button>
        )
      )}
      {data.passed && (
        <Link to={`/users/${user.id}/certificates`} data-testid="quality-exam-certificate">
          {t("exam.certificate")}
        </Link>
      )}
      {graded && Object.keys(graded.skills).length > 0 && (
        <section className="panel quality-section">
          <h2>{t("exam.lastSkills", { number: graded.number })}</h2>
          <RateChart
            title={t("exam.skillsChart")}
            bars={skillScores(graded.skills).map((s) => ({ key: s.skill, name: isSkill(s.skill) ? t(`exam.skills.${s.skill}`) : s.skill, value: s.score }))}
            testId="quality-exam-skills"
          />
        </section>
      )}
      <section className="panel quality-section">
        <h2>{t("exam.mine")}</h2>
        {data.attempts.length === 0 ? <p className="empty">{t("exam.noAttempts")}</p> : <AttemptTable attempts={data.attempts} testId="quality-exam-attempts" />}
      </section>
      <EveryonesAttempts projectId={projectId} />
    </section>
  );
}

/** Everyone's attempts, for the exam's managers (left out for anyone else). */
function EveryonesAttempts({ projectId }: { projectId: number }) {
  const { t } = useTranslation("quality");
  const attempts = useQuery((a) => examAttempts(a, projectId), [projectId]);
  const people = usePeople(projectId);
  if (forbidden(attempts.error) || !attempts.data) return <ErrorBanner error={forbidden(attempts.error) ? null : attempts.error} />;
  return (
    <section className="panel quality-section">
      <h2>{t("exam.everyone")}</h2>
      {attempts.data.length === 0 ? <p className="empty">{t("exam.noAttempts")}</p> : <AttemptTable attempts={attempts.data} people={people} testId="quality-exam-history" />}
    </section>
  );
}
