import type { ProjectPublic } from "@annota/api-client";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { formatDateTime, formatInteger } from "../../format/format";

interface ProjectTableProps {
  projects: readonly ProjectPublic[];
  /** A newer page is loading: the rows shown are about to change. */
  busy: boolean;
  searched: boolean;
}

export function ProjectTable({ projects, busy, searched }: ProjectTableProps) {
  const { t, i18n } = useTranslation();
  if (projects.length === 0) {
    return <p className="empty">{searched ? t("projects.noMatch") : t("projects.empty")}</p>;
  }
  return (
    <table className="table" aria-busy={busy}>
      <thead>
        <tr>
          <th scope="col">{t("projects.columns.name")}</th>
          <th scope="col">{t("projects.columns.description")}</th>
          <th scope="col" className="num">
            {t("projects.columns.labels")}
          </th>
          <th scope="col" className="num">
            {t("projects.columns.tasks")}
          </th>
          <th scope="col">{t("projects.columns.updated")}</th>
        </tr>
      </thead>
      <tbody>
        {projects.map((project) => (
          <tr key={project.id} data-testid="project-row" data-project-id={project.id}>
            <td>
              <Link to={`/projects/${project.id}`}>{project.name}</Link>
            </td>
            <td className="truncate muted">{project.description}</td>
            <td className="num">{formatInteger(i18n.language, project.label_count ?? 0)}</td>
            <td className="num">{formatInteger(i18n.language, project.task_count ?? 0)}</td>
            <td>{formatDateTime(i18n.language, project.updated_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
