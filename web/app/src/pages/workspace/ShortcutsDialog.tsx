import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ACTION_GROUPS, ACTION_IDS, ACTIONS, CANVAS_KEYS, type ActionGroup, type ActionId } from "../../workspace/hotkeys/actions";
import { DEFAULT_SHORTCUTS, findConflicts, type Shortcuts } from "../../workspace/hotkeys/bindings";
import { comboFromEvent, formatCombo } from "../../workspace/hotkeys/combo";
import { Dialog } from "./Dialog";

interface ShortcutsDialogProps {
  readonly shortcuts: Shortcuts;
  /** The groups of actions this workspace has (video keys only in video jobs); all by default. */
  readonly groups?: readonly ActionGroup[];
  readonly onSave: (shortcuts: Shortcuts) => Promise<boolean>;
  readonly onClose: () => void;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** `?`: every key of the workspace, and changing them (a key used twice is flagged and cannot be saved). */
export function ShortcutsDialog({ shortcuts, groups = ACTION_GROUPS, onSave, onClose }: ShortcutsDialogProps) {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  const [draft, setDraft] = useState<Shortcuts>(shortcuts);
  const [capturing, setCapturing] = useState<ActionId | null>(null);
  const [status, setStatus] = useState<"idle" | "saving" | "saved" | "failed">("idle");
  const conflicts = findConflicts(draft);
  const conflicted = new Set(conflicts.flatMap((c) => c.actions));
  const dirty = JSON.stringify(draft) !== JSON.stringify(shortcuts);

  const capture = (e: React.KeyboardEvent) => {
    if (capturing === null) return;
    e.preventDefault();
    e.stopPropagation();
    if (e.key === "Escape") {
      setCapturing(null);
      return;
    }
    const combo = comboFromEvent(e);
    if (combo === null) return;
    setDraft({ ...draft, [capturing]: [combo] });
    setCapturing(null);
    setStatus("idle");
  };

  // Review keys are named in the review feature's namespace.
  const actionName = (id: ActionId) => (ACTIONS[id].group === "review" ? tr(`review:actions.${id}`) : tr(`workspace.actions.${id}`));
  const groupName = (group: ActionGroup) => (group === "review" ? tr("review:actions.group") : tr(`workspace.help.groups.${group}`));

  const conflictText = (id: ActionId) =>
    conflicts
      .filter((c) => c.actions.includes(id))
      .map((c) =>
        c.canvas !== null
          ? t("workspace.help.conflictCanvas", { key: formatCombo(c.combo) })
          : t("workspace.help.conflictWith", { key: formatCombo(c.combo), actions: c.actions.filter((a) => a !== id).map(actionName).join(t("common.listSeparator")) }),
      )
      .join(" ");

  return (
    <Dialog title={t("workspace.help.title")} onClose={capturing === null ? onClose : undefined} testId="shortcuts-dialog" wide>
      <div className="shortcuts" onKeyDownCapture={capture}>
        {groups.map((group) => (
          <section key={group} className="shortcuts__group">
            <h3>{groupName(group)}</h3>
            <table className="shortcuts__table">
              <tbody>
                {ACTION_IDS.filter((id) => ACTIONS[id].group === group).map((id) => (
                  <tr key={id} className={conflicted.has(id) ? "shortcut shortcut--conflict" : "shortcut"} data-testid="shortcut-row" data-action={id}>
                    <th scope="row">{actionName(id)}</th>
                    <td>
                      {capturing === id ? (
                        <span className="kbd kbd--capturing">{t("workspace.help.pressKey")}</span>
                      ) : draft[id].length === 0 ? (
                        <span className="muted">{t("workspace.help.noKey")}</span>
                      ) : (
                        draft[id].map((k) => (
                          <kbd key={k} className="kbd" data-testid="shortcut-key">
                            {formatCombo(k)}
                          </kbd>
                        ))
                      )}
                      {conflicted.has(id) && <span className="shortcut__conflict" role="alert">{conflictText(id)}</span>}
                    </td>
                    <td className="shortcuts__edit">
                      <button type="button" className="button button--small" onClick={() => setCapturing(id)} data-testid="shortcut-change">
                        {t("workspace.help.change")}
                      </button>
                      <button type="button" className="button button--small button--ghost" onClick={() => setDraft({ ...draft, [id]: DEFAULT_SHORTCUTS[id] })}>
                        {t("workspace.help.default")}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
        <section className="shortcuts__group">
          <h3>{t("workspace.help.groups.canvas")}</h3>
          <table className="shortcuts__table">
            <tbody>
              {Object.entries(CANVAS_KEYS).map(([key, what]) => (
                <tr key={key}>
                  <th scope="row">{tr(`workspace.canvasKeys.${what}`)}</th>
                  <td>
                    <kbd className="kbd">{formatCombo(key)}</kbd>
                  </td>
                  <td />
                </tr>
              ))}
              <tr>
                <th scope="row">{t("workspace.canvasKeys.wheel")}</th>
                <td>
                  <kbd className="kbd">{t("workspace.canvasKeys.wheelKey")}</kbd>
                </td>
                <td />
              </tr>
            </tbody>
          </table>
        </section>
      </div>
      <div className="dialog__choices">
        {conflicts.length > 0 && <p className="shortcut__conflict">{t("workspace.help.fixConflicts", { count: conflicts.length })}</p>}
        {status === "saved" && <p className="notice" role="status">{t("workspace.help.saved")}</p>}
        {status === "failed" && <p className="shortcut__conflict" role="alert">{t("workspace.help.saveFailed")}</p>}
        <button type="button" className="button button--ghost" onClick={() => setDraft(DEFAULT_SHORTCUTS)} data-testid="shortcuts-reset">
          {t("workspace.help.resetAll")}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!dirty || conflicts.length > 0 || status === "saving"}
          onClick={async () => {
            setStatus("saving");
            setStatus((await onSave(draft)) ? "saved" : "failed");
          }}
          data-testid="shortcuts-save"
        >
          {t("workspace.help.save")}
        </button>
        <button type="button" className="button" onClick={onClose} data-testid="shortcuts-close">
          {t("workspace.help.close")}
        </button>
      </div>
    </Dialog>
  );
}
