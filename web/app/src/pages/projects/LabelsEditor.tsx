import { useTranslation } from "react-i18next";
import { enumLabel } from "../../i18n/enumLabel";
import { LABEL_KINDS, type LabelDraft } from "./labelDrafts";

interface LabelsEditorProps {
  labels: readonly LabelDraft[];
  onChange: (labels: LabelDraft[]) => void;
  onAdd: () => void;
}

export function LabelsEditor({ labels, onChange, onAdd }: LabelsEditorProps) {
  const { t } = useTranslation();
  const edit = (key: number, patch: Partial<LabelDraft>) =>
    onChange(labels.map((label) => (label.key === key ? { ...label, ...patch } : label)));
  const remove = (key: number) => onChange(labels.filter((label) => label.key !== key));

  return (
    <fieldset className="labels-editor">
      <legend>{t("labels.title")}</legend>
      {labels.length === 0 && <p className="muted">{t("labels.none")}</p>}
      {labels.map((label, index) => (
        <div className="labels-editor__row" key={label.key} data-testid="label-row">
          <label className="field field--inline">
            <span className="field__label">{t("labels.name")}</span>
            <input
              value={label.name}
              onChange={(event) => edit(label.key, { name: event.target.value })}
              aria-label={t("labels.nameOf", { index: index + 1 })}
              data-testid="label-name"
            />
          </label>
          <label className="field field--inline">
            <span className="field__label">{t("labels.color")}</span>
            <input
              type="color"
              value={label.color}
              onChange={(event) => edit(label.key, { color: event.target.value })}
              aria-label={t("labels.colorOf", { index: index + 1 })}
              data-testid="label-color"
            />
          </label>
          <label className="field field--inline">
            <span className="field__label">{t("labels.kind")}</span>
            <select
              value={label.kind}
              onChange={(event) => {
                const kind = LABEL_KINDS.find((k) => k === event.target.value);
                if (kind) edit(label.key, { kind });
              }}
              aria-label={t("labels.kindOf", { index: index + 1 })}
              data-testid="label-kind"
            >
              {LABEL_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {enumLabel(t, "labelKind", kind)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button button--ghost" onClick={() => remove(label.key)}>
            {t("labels.remove")}
          </button>
        </div>
      ))}
      <button type="button" className="button" onClick={onAdd} data-testid="label-add">
        {t("labels.add")}
      </button>
    </fieldset>
  );
}
