import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, useParams } from "react-router-dom";
import { useQuery } from "../../../api/useQuery";
import { idParam } from "../../../pages/listParams";
import { NotFoundPage } from "../../../pages/NotFoundPage";
import { Loading } from "../../../ui/Loading";
import { PageError } from "../../../ui/PageError";
import { AssignmentSection } from "./AssignmentSection";
import { AuditSection } from "./AuditSection";
import { DashboardSection } from "./DashboardSection";
import { MembersSection } from "./MembersSection";
import { loadProjectPeople, type ProjectPeople } from "./people";
import { TimeSection } from "./TimeSection";
import { WebhooksSection } from "./WebhooksSection";
import { WorkflowSection } from "./WorkflowSection";

/** The sections of a project's team page, in tab order; the first is the default. */
export const TEAM_SECTIONS = ["dashboard", "jobs", "members", "workflow", "webhooks", "time", "audit"] as const;
export type TeamSection = (typeof TEAM_SECTIONS)[number];

function isSection(value: string | undefined): value is TeamSection {
  return (TEAM_SECTIONS as readonly (string | undefined)[]).includes(value);
}

export function teamPath(projectId: number, section: TeamSection = "dashboard"): string {
  return section === "dashboard" ? `/projects/${projectId}/team` : `/projects/${projectId}/team/${section}`;
}

/** `/projects/:projectId/team/:section?`: the manager's view of a project's people and work. */
export function ProjectTeamPage() {
  const params = useParams();
  const projectId = idParam(params.projectId);
  const section = params.section ?? "dashboard";
  if (projectId === null || !isSection(section)) return <NotFoundPage />;
  return <ProjectTeamView projectId={projectId} section={section} />;
}

function ProjectTeamView({ projectId, section }: { projectId: number; section: TeamSection }) {
  const { t } = useTranslation("teams");
  // Asked again on each tab: the members tab may have changed who can be given work.
  const loaded = useQuery((api) => loadProjectPeople(api, projectId), [projectId, section]);
  if (loaded.error) return <PageError error={loaded.error} />;
  if (!loaded.data) return <Loading />;
  const team = loaded.data;
  return (
    <section className="page" data-testid="project-team" data-section={section}>
      <nav className="breadcrumbs" aria-label={t("organizations.breadcrumbs")}>
        <Link to={`/projects/${projectId}`}>{team.project.name}</Link>
      </nav>
      <div className="page__head">
        <h1>{t("team.title", { project: team.project.name })}</h1>
      </div>
      <nav className="teams-tabs" aria-label={t("team.sections")}>
        {TEAM_SECTIONS.map((name) => (
          <NavLink key={name} to={teamPath(projectId, name)} end className="button button--small" data-testid={`team-tab-${name}`}>
            {t(`team.tabs.${name}`)}
          </NavLink>
        ))}
      </nav>
      {sectionOf(section, team)}
    </section>
  );
}

function sectionOf(section: TeamSection, team: ProjectPeople): ReactNode {
  switch (section) {
    case "dashboard":
      return <DashboardSection team={team} />;
    case "jobs":
      return <AssignmentSection team={team} />;
    case "members":
      return <MembersSection team={team} />;
    case "workflow":
      return <WorkflowSection projectId={team.project.id} />;
    case "webhooks":
      return <WebhooksSection projectId={team.project.id} />;
    case "time":
      return <TimeSection scope={{ kind: "project", id: team.project.id }} />;
    case "audit":
      return <AuditSection scope={{ kind: "project", id: team.project.id }} people={team.people} />;
  }
}
