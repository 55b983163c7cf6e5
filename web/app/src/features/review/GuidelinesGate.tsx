import { useTranslation } from "react-i18next";
import { Dialog } from "../../pages/workspace/Dialog";
import { MarkdownView } from "../../ui/MarkdownView";
import type { GuidelinesGate as Gate } from "./useGuidelinesGate";

/** The project's current guidelines, to read and acknowledge before working ("I have read them"). */
export function GuidelinesGate({ gate }: { gate: Gate }) {
  const { t } = useTranslation("review");
  const g = gate.guidelines;
  return (
    <Dialog title={t("guidelines.title")} testId="guidelines-gate" wide>
      <p>{t("guidelines.mustRead")}</p>
      {g !== null && g.version !== null && (
        <p className="muted small" data-testid="guidelines-version">
          {t("guidelines.version", { version: g.version })}
        </p>
      )}
      <div className="guidelines-gate__body">{g === null || g.body.trim() === "" ? <p className="empty">{t("guidelines.none")}</p> : <MarkdownView text={g.body} />}</div>
      {gate.error !== null && (
        <p className="error" role="alert">
          {t("guidelines.failed", { detail: gate.error })}
        </p>
      )}
      <div className="dialog__choices">
        <button type="button" className="button button--primary" disabled={gate.busy || g === null || g.version === null} onClick={() => void gate.acknowledge()} data-testid="guidelines-acknowledge">
          {t(gate.busy ? "guidelines.acknowledging" : "guidelines.acknowledge")}
        </button>
      </div>
    </Dialog>
  );
}
