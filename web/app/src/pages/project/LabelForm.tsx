import type { LabelCreate } from "@annota/api-client";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSubmit } from "../../api/useSubmit";
import { enumLabel } from "../../i18n/enumLabel";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { LABEL_KINDS } from "../projects/labelDrafts";
import { AttributeSpecsEditor } from "./AttributeSpecsEditor";
import { labelBody, type LabelFormState } from "./labelForm";
import { SkeletonDesigner } from "./SkeletonDesigner";

interface LabelFormProps {
  readonly initial: LabelFormState;
  readonly onSave: (body: LabelCreate) => Promise<unknown>;
  readonly onCancel: () => void;
  readonly onDelete?: () => Promise<unknown>;
}

/** Creating or changing one label: name, colour, kind, attributes of every type, skeleton template. */
export function LabelForm({ initial, onSave, onCancel, onDelete }: LabelFormProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<LabelFormState>(initial);
  const save = useSubmit(() => onSave(labelBody(state)));
  const remove = useSubmit(async () => onDelete?.());
  const [confirming, setConfirming] = useState(false);
  return (
    <form
      className="label-form card"
      onSubmit={(e) => {
        e.preventDefault();
        void save.submit();
      }}
      data-testid="label-form"
    >
      <ErrorBanner error={save.error ?? remove.error} />
      <div className="label-form__row">
        <label className="field">
          <span className="field__label">{t("labels.name")}</span>
          <input required value={state.name} onChange={(e) => setState({ ...state, name: e.target.value })} data-testid="label-form-name" />
        </label>
        <label className="field">
          <span className="field__label">{t("labels.color")}</span>
          <input type="color" value={state.color} onChange={(e) => setState({ ...state, color: e.target.value })} data-testid="label-form-color" />
        </label>
        <label className="field">
          <span className="field__label">{t("labels.kind")}</span>
          <select value={state.kind} onChange={(e) => setState({ ...state, kind: LABEL_KINDS.find((k) => k === e.target.value) ?? "any" })} data-testid="label-form-kind">
            {LABEL_KINDS.map((k) => (
              <option key={k} value={k}>
                {enumLabel(t, "labelKind", k)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <AttributeSpecsEditor attributes={state.attributes} onChange={(attributes) => setState({ ...state, attributes })} />
      {state.kind === "skeleton" && <SkeletonDesigner skeleton={state.skeleton} color={state.color} onChange={(skeleton) => setState({ ...state, skeleton })} />}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={save.pending} data-testid="label-form-save">
          {t(save.pending ? "common.saving" : "labelEditor.save")}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          {t("common.cancel")}
        </button>
        {onDelete &&
          (confirming ? (
            <>
              <span className="muted small">{t("labelEditor.deleteConfirm")}</span>
              <button type="button" className="button button--danger" disabled={remove.pending} onClick={() => void remove.submit()} data-testid="label-form-delete-confirm">
                {t("labelEditor.deleteYes")}
              </button>
            </>
          ) : (
            <button type="button" className="button button--ghost button--danger" onClick={() => setConfirming(true)} data-testid="label-form-delete">
              {t("labelEditor.delete")}
            </button>
          ))}
      </div>
    </form>
  );
}
