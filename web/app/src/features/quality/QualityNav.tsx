import { useTranslation } from "react-i18next";
import { Link, NavLink } from "react-router-dom";

/** The quality pages of a project, one tab each, under the project's breadcrumb. */
interface QualityNavProps {
  projectId: number;
  projectName: string | undefined;
  /** Whether the caller manages the project's quality: the setup tabs are theirs only. */
  manager: boolean;
}

export function QualityNav({ projectId, projectName, manager }: QualityNavProps) {
  const { t } = useTranslation("quality");
  const base = `/projects/${projectId}/quality`;
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to="/projects">{t("nav.projects")}</Link>
        <span aria-hidden="true">›</span>
        <Link to={`/projects/${projectId}`}>{projectName ?? t("nav.project", { id: projectId })}</Link>
      </nav>
      <nav className="quality-tabs" aria-label={t("nav.pages")}>
        <NavLink to={base} end data-testid="quality-tab-dashboard">
          {t("nav.dashboard")}
        </NavLink>
        {manager && (
          <>
            <NavLink to={`${base}/trends`} data-testid="quality-tab-trends">
              {t("nav.trends")}
            </NavLink>
            <NavLink to={`${base}/ground-truth`} data-testid="quality-tab-ground-truth">
              {t("nav.groundTruth")}
            </NavLink>
            <NavLink to={`${base}/settings`} data-testid="quality-tab-settings">
              {t("nav.settings")}
            </NavLink>
          </>
        )}
      </nav>
    </>
  );
}
