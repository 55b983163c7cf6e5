import { formatLoc } from "@annota/api-client";
import { useTranslation } from "react-i18next";
import type { WorkspaceController } from "../../workspace/session/controller";
import type { WorkspaceSnapshot } from "../../workspace/session/snapshot";
import { Dialog } from "./Dialog";

/**
 * Shown when a save is refused: someone else saved first (409), or the server rejected the changes.
 * Nothing is overwritten until the user chooses.
 */
export function ConflictDialog({ controller, snap }: { controller: WorkspaceController; snap: WorkspaceSnapshot }) {
  const { t } = useTranslation();
  const { save } = snap;
  const conflict = save.status === "conflict";
  return (
    <Dialog title={t(conflict ? "workspace.conflict.title" : "workspace.rejected.title")} testId="conflict-dialog">
      {conflict ? (
        <p>{t("workspace.conflict.body", { count: save.queued, revision: save.theirRevision ?? "?" })}</p>
      ) : (
        <>
          <p>{t("workspace.rejected.body", { count: save.queued })}</p>
          <ul className="error-list">
            {save.errors.map((e, i) => (
              <li key={i}>{e.loc.length > 0 ? t("workspace.rejected.item", { loc: formatLoc(e.loc), msg: e.msg }) : e.msg}</li>
            ))}
          </ul>
        </>
      )}
      <div className="dialog__choices">
        <button type="button" className="button" disabled={snap.resolving} onClick={() => void controller.resolveConflict("theirs")} data-testid="conflict-theirs">
          {t("workspace.conflict.theirs")}
        </button>
        {conflict && (
          <button type="button" className="button button--primary" disabled={snap.resolving} onClick={() => void controller.resolveConflict("mine")} data-testid="conflict-mine">
            {t("workspace.conflict.mine")}
          </button>
        )}
      </div>
      <p className="muted small">{t(conflict ? "workspace.conflict.explain" : "workspace.rejected.explain")}</p>
    </Dialog>
  );
}
