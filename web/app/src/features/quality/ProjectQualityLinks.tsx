import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

/** A project's quality pages, linked from its page. */
export function ProjectQualityLinks({ projectId }: { projectId: number }) {
  const { t } = useTranslation("quality");
  return (
    <Link className="button" to={`/projects/${projectId}/quality`} data-testid="project-quality-link">
      {t("links.dashboard")}
    </Link>
  );
}
