import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { teamPath } from "./project/ProjectTeamPage";

/** A project's team pages (dashboard, jobs, members, audit, time), linked from its page. */
export function ProjectTeamLinks({ projectId }: { projectId: number }) {
  const { t } = useTranslation("teams");
  return (
    <>
      <Link to={teamPath(projectId)} className="button" data-testid="project-team-link">
        {t("team.link")}
      </Link>
      <Link to={teamPath(projectId, "jobs")} className="button" data-testid="project-assign-link">
        {t("team.tabs.jobs")}
      </Link>
    </>
  );
}
