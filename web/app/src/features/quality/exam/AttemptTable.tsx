import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { formatDateTime } from "../../../format/format";
import type { ExamAttempt } from "../examApi";
import { isSkill, skillScores } from "../examApi";
import { type People, personName } from "../people";
import { formatRate } from "../rates";

interface AttemptTableProps {
  attempts: readonly ExamAttempt[];
  /** Show whose attempt each row is (the managers' history of everyone). */
  people?: People;
  testId: string;
}

/** Exam attempts, one per row: who (for managers), which attempt, its outcome, score and per-skill scores. */
export function AttemptTable({ attempts, people, testId }: AttemptTableProps) {
  const { t, i18n } = useTranslation("quality");
  const locale = i18n.language;
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          {people && <th scope="col">{t("exam.columns.person")}</th>}
          <th scope="col">{t("exam.columns.attempt")}</th>
          <th scope="col">{t("exam.columns.state")}</th>
          <th scope="col" className="num">
            {t("exam.columns.score")}
          </th>
          <th scope="col">{t("exam.columns.skills")}</th>
          <th scope="col">{t("exam.columns.finished")}</th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((a) => (
          <tr key={a.id} data-testid={`${testId}-row`} data-state={a.state}>
            {people && (
              <td>
                <Link to={`/users/${a.user_id}/certificates`}>{personName(t, people, a.user_id)}</Link>
              </td>
            )}
            <td>{t("exam.attemptNumber", { number: a.number })}</td>
            <td>{t(`exam.states.${a.state}`)}</td>
            <td className="num">{formatRate(locale, a.score)}</td>
            <td className="small">
              {skillScores(a.skills)
                .map((s) => t("exam.skillScore", { skill: isSkill(s.skill) ? t(`exam.skills.${s.skill}`) : s.skill, score: formatRate(locale, s.score) }))
                .join(", ")}
            </td>
            <td>{a.finished_at === null ? "" : formatDateTime(locale, a.finished_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
