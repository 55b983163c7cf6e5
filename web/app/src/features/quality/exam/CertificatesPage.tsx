import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { useQuery } from "../../../api/useQuery";
import { useUser } from "../../../auth/AuthContext";
import { formatDateTime } from "../../../format/format";
import { idParam } from "../../../pages/listParams";
import { NotFoundPage } from "../../../pages/NotFoundPage";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { certificates, isSkill, skillScores } from "../examApi";
import { formatRate } from "../rates";

export function CertificatesPage() {
  const userId = idParam(useParams().userId);
  return userId === null ? <NotFoundPage /> : <Certificates userId={userId} />;
}

/** An operator's certificates: each exam they passed, with the score, the pass mark and per-skill scores. */
function Certificates({ userId }: { userId: number }) {
  const { t, i18n } = useTranslation("quality");
  const locale = i18n.language;
  const me = useUser();
  const list = useQuery((api) => certificates(api, userId), [userId]);
  const who = me.id === userId ? me.username : t("people.user", { id: userId });
  return (
    <section className="page quality-page" data-testid="quality-certificates">
      <h1>{t("certificates.title", { name: who })}</h1>
      <ErrorBanner error={list.error} />
      {!list.data && !list.error && <Loading />}
      {list.data?.length === 0 && <p className="empty">{t("certificates.none")}</p>}
      <div className="quality-certificates">
        {list.data?.map((c) => (
          <article key={c.exam_id} className="card quality-certificate" data-testid="quality-certificate">
            <h2>
              <Link to={`/projects/${c.exam_id}/exam`}>{c.exam_name}</Link>
            </h2>
            <p>{t("certificates.passed", { score: formatRate(locale, c.score), pass: formatRate(locale, c.pass_score), attempt: c.attempt })}</p>
            {c.passed_at !== null && <p className="muted small">{formatDateTime(locale, c.passed_at)}</p>}
            <dl className="quality-skills">
              {skillScores(c.skills).map((s) => (
                <div key={s.skill}>
                  <dt>{isSkill(s.skill) ? t(`exam.skills.${s.skill}`) : s.skill}</dt>
                  <dd>{formatRate(locale, s.score)}</dd>
                </div>
              ))}
            </dl>
          </article>
        ))}
      </div>
    </section>
  );
}
