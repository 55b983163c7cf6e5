import { useTranslation } from "react-i18next";
import type { SaveState } from "../../workspace/save/saveEngine";

/** Where the work stands: saved, saving, offline with N changes queued, conflict, refused. */
export function SaveBadge({ save, unflushed, onSave }: { save: SaveState; unflushed: boolean; onSave: () => void }) {
  const { t } = useTranslation();
  // An edit is "unsaved" from the moment it is made, before it even reaches the queue.
  const status = save.status === "saved" && unflushed ? "pending" : save.status;
  const text =
    status === "offline"
      ? t(save.offlineReason === "unauthorized" ? "workspace.save.signedOut" : "workspace.save.offline", { count: save.queued })
      : t(`workspace.save.${status}`, { count: save.queued });
  return (
    <button
      type="button"
      className={`save-badge save-badge--${status}`}
      onClick={onSave}
      title={save.durable ? t("workspace.save.hint") : t("workspace.save.notDurable")}
      data-testid="save-state"
      data-status={status}
      data-queued={save.queued}
      aria-live="polite"
    >
      <span className="save-badge__dot" aria-hidden="true" />
      {text}
    </button>
  );
}
