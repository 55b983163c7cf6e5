import type { ApiError } from "@annota/api-client";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorBanner } from "./ErrorBanner";

/** A page whose main item could not be loaded: the reason, and a way back. */
export function PageError({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  return (
    <section className="page">
      <ErrorBanner error={error} />
      <Link to="/projects">{t("notFound.back")}</Link>
    </section>
  );
}
