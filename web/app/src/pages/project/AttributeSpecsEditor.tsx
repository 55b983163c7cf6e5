import { useTranslation } from "react-i18next";
import { enumLabel } from "../../i18n/enumLabel";
import { ATTRIBUTE_KINDS } from "../../workspace/attributes";
import { newAttributeDraft, type AttributeDraft } from "./labelForm";

interface AttributeSpecsEditorProps {
  readonly attributes: readonly AttributeDraft[];
  readonly onChange: (next: AttributeDraft[]) => void;
}

/** A label's attributes: name, type, choices, default, required, and bounds for numbers. */
export function AttributeSpecsEditor({ attributes, onChange }: AttributeSpecsEditorProps) {
  const { t } = useTranslation();
  const set = (key: number, patch: Partial<AttributeDraft>) => onChange(attributes.map((a) => (a.key === key ? { ...a, ...patch } : a)));
  return (
    <fieldset className="attr-specs">
      <legend>{t("labelEditor.attributes")}</legend>
      {attributes.length === 0 && <p className="muted small">{t("labelEditor.noAttributes")}</p>}
      {attributes.map((a, i) => (
        <div key={a.key} className="attr-spec" data-testid="attr-spec">
          <label className="field">
            <span className="field__label">{t("labelEditor.attributeName")}</span>
            <input value={a.name} onChange={(e) => set(a.key, { name: e.target.value })} aria-label={t("labelEditor.attributeNameOf", { index: i + 1 })} data-testid="attr-spec-name" />
          </label>
          <label className="field">
            <span className="field__label">{t("labelEditor.attributeKind")}</span>
            <select value={a.kind} onChange={(e) => set(a.key, { kind: ATTRIBUTE_KINDS.find((k) => k === e.target.value) ?? "text", default: "" })} data-testid="attr-spec-kind">
              {ATTRIBUTE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {enumLabel(t, "attributeType", k)}
                </option>
              ))}
            </select>
          </label>
          {(a.kind === "select" || a.kind === "radio") && (
            <label className="field attr-spec__values">
              <span className="field__label">{t("labelEditor.values")}</span>
              <textarea rows={3} value={a.values} onChange={(e) => set(a.key, { values: e.target.value })} placeholder={t("labelEditor.valuesHint")} data-testid="attr-spec-values" />
            </label>
          )}
          {a.kind === "number" && (
            <div className="attr-spec__bounds">
              {(["min", "max", "step"] as const).map((b) => (
                <label key={b} className="field">
                  <span className="field__label">{t(`labelEditor.${b}`)}</span>
                  <input type="number" step="any" value={a[b]} onChange={(e) => set(a.key, { [b]: e.target.value })} data-testid={`attr-spec-${b}`} />
                </label>
              ))}
            </div>
          )}
          <label className="field">
            <span className="field__label">{t("labelEditor.default")}</span>
            {a.kind === "checkbox" ? (
              <select value={a.default} onChange={(e) => set(a.key, { default: e.target.value })} data-testid="attr-spec-default">
                <option value="">{t("labelEditor.noDefault")}</option>
                <option value="true">{t("labelEditor.checked")}</option>
                <option value="false">{t("labelEditor.unchecked")}</option>
              </select>
            ) : (
              <input type={a.kind === "number" ? "number" : "text"} step="any" value={a.default} onChange={(e) => set(a.key, { default: e.target.value })} data-testid="attr-spec-default" />
            )}
          </label>
          <label className="field field--inline">
            <input type="checkbox" checked={a.required} onChange={(e) => set(a.key, { required: e.target.checked })} data-testid="attr-spec-required" />
            <span>{t("labelEditor.required")}</span>
          </label>
          <label className="field field--inline">
            <input type="checkbox" checked={a.mutable} onChange={(e) => set(a.key, { mutable: e.target.checked })} />
            <span>{t("labelEditor.mutable")}</span>
          </label>
          <button type="button" className="button button--small button--ghost" onClick={() => onChange(attributes.filter((x) => x.key !== a.key))}>
            {t("labelEditor.removeAttribute")}
          </button>
        </div>
      ))}
      <button type="button" className="button button--small" onClick={() => onChange([...attributes, newAttributeDraft()])} data-testid="attr-spec-add">
        {t("labelEditor.addAttribute")}
      </button>
    </fieldset>
  );
}
