import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useQuery } from "../../api/useQuery";
import { settle } from "./api/settle";
import { teamPath } from "./project/ProjectTeamPage";

/**
 * A project's team pages (dashboard, jobs, members, audit, time), linked from its page for those who
 * manage it: the member list answers only them, so it tells whether to show the links.
 */
export function ProjectTeamLinks({ projectId }: { projectId: number }) {
  const { t } = useTranslation("teams");
  const manages = useQuery(
    (api) => settle(api.raw.GET("/api/projects/{project_id}/members", { params: { path: { project_id: projectId } } })),
    [projectId],
  );
  if (!manages.data) return null;
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
