import type { ProjectPublic } from "@annota/api-client";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { MarkdownView } from "../../ui/MarkdownView";

/** The project's guidelines beside the canvas (G), so that rules are one key away while annotating. */
export function GuidelinesPanel({ project, onClose }: { project: ProjectPublic; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <aside
      className="guidelines-panel"
      aria-label={t("workspace.guidelines.title")}
      data-testid="guidelines-panel"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="guidelines-panel__head">
        <h2>{t("workspace.guidelines.title")}</h2>
        <Link to={`/projects/${project.id}#guidelines`} className="small">
          {t("workspace.guidelines.edit")}
        </Link>
        <button type="button" className="button button--small" onClick={onClose} data-testid="guidelines-close">
          {t("workspace.guidelines.close")}
        </button>
      </div>
      {project.guidelines.trim() === "" ? <p className="empty">{t("workspace.guidelines.none")}</p> : <MarkdownView text={project.guidelines} />}
    </aside>
  );
}
