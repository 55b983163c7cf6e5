import type { ProjectPublic } from "@annota/api-client";
import type { Guidelines } from "../../features/review/reviewApi";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { MarkdownView } from "../../ui/MarkdownView";

/**
 * The project's guidelines beside the canvas (G), so that rules are one key away while annotating: the
 * current version as last read (`guidelines`), else the project's text.
 */
export function GuidelinesPanel({ project, guidelines = null, onClose }: { project: ProjectPublic; guidelines?: Guidelines | null; onClose: () => void }) {
  const { t } = useTranslation();
  const text = guidelines !== null && guidelines.version !== null ? guidelines.body : project.guidelines;
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
      {text.trim() === "" ? <p className="empty">{t("workspace.guidelines.none")}</p> : <MarkdownView text={text} />}
    </aside>
  );
}
