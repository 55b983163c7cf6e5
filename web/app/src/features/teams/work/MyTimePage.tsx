import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useUser } from "../../../auth/AuthContext";
import { TimeSection } from "../project/TimeSection";

/** `/me/time`: the caller's own active time and output, per project, job or day. */
export function MyTimePage() {
  const { t } = useTranslation("teams");
  const user = useUser();
  return (
    <section className="page" data-testid="my-time">
      <nav className="breadcrumbs" aria-label={t("organizations.breadcrumbs")}>
        <Link to="/me/work">{t("work.title")}</Link>
      </nav>
      <h1>{t("time.mine")}</h1>
      <TimeSection scope={{ kind: "user", id: user.id }} />
    </section>
  );
}
