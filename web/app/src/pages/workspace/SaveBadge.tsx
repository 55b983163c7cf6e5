import { useTranslation } from "react-i18next";
import type { SaveState } from "../../workspace/save/saveEngine";

/** Where the work stands: saved, saving, offline with N changes queued, conflict, refused. */
export function SaveBadge({ save, onSave }: { save: SaveState; onSave: () => void }) {
  const { t } = useTranslation();
  const text =
    save.status === "offline"
      ? t(save.offlineReason === "unauthorized" ? "workspace.save.signedOut" : "workspace.save.offline", { count: save.queued })
      : t(`workspace.save.${save.status}`, { count: save.queued });
  return (
    <button
      type="button"
      className={`save-badge save-badge--${save.status}`}
      onClick={onSave}
      title={save.durable ? t("workspace.save.hint") : t("workspace.save.notDurable")}
      data-testid="save-state"
      data-status={save.status}
      data-queued={save.queued}
      aria-live="polite"
    >
      <span className="save-badge__dot" aria-hidden="true" />
      {text}
    </button>
  );
}
