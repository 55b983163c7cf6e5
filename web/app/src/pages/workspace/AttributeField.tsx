import type { AttributeValue } from "@annota/canvas-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AttributeSpec } from "../../workspace/attributes";

interface AttributeFieldProps {
  readonly spec: AttributeSpec;
  /** The value; undefined when objects disagree or none is set. */
  readonly value: AttributeValue | undefined;
  readonly missing: boolean;
  readonly onChange: (value: AttributeValue) => void;
}

/** One attribute of the selection, with the input its kind calls for; a missing required value is flagged. */
export function AttributeField({ spec, value, missing, onChange }: AttributeFieldProps) {
  const { t } = useTranslation();
  const id = `attr-${spec.name}`;
  const caption = (
    <span className="field__label">
      {spec.name}
      {spec.required && (
        <span className={missing ? "required required--missing" : "required"} title={t("workspace.attributes.required")}>
          {t("workspace.attributes.requiredMark")}
        </span>
      )}
    </span>
  );
  const common = { "data-testid": id, "aria-invalid": missing || undefined, "aria-required": spec.required || undefined };

  if (spec.kind === "checkbox") {
    return (
      <label className="field field--inline attr-field">
        <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} {...common} />
        {caption}
      </label>
    );
  }
  if (spec.kind === "radio") {
    return (
      <fieldset className="attr-field attr-field--radio" {...common}>
        <legend>{caption}</legend>
        {spec.values.map((v) => (
          <label key={v} className="field--inline">
            <input type="radio" name={id} value={v} checked={value === v} onChange={() => onChange(v)} />
            {v}
          </label>
        ))}
      </fieldset>
    );
  }
  if (spec.kind === "select") {
    return (
      <label className="field attr-field">
        {caption}
        <select value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value)} {...common}>
          {(value === undefined || !spec.values.includes(String(value))) && <option value="">{t("workspace.attributes.choose")}</option>}
          {spec.values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
    );
  }
  return <TextLikeField spec={spec} value={value} caption={caption} onChange={onChange} common={common} />;
}

/** Number and text inputs change the object when the field is left or Enter is pressed, not on every key. */
function TextLikeField({
  spec,
  value,
  caption,
  onChange,
  common,
}: {
  spec: AttributeSpec;
  value: AttributeValue | undefined;
  caption: React.ReactNode;
  onChange: (value: AttributeValue) => void;
  common: Record<string, unknown>;
}) {
  const shown = value === undefined ? "" : String(value);
  const [draft, setDraft] = useState(shown);
  useEffect(() => setDraft(shown), [shown]);
  const commit = () => {
    if (draft === shown) return;
    if (spec.kind === "number") {
      const n = Number(draft);
      if (draft.trim() === "" || !Number.isFinite(n)) {
        setDraft(shown);
        return;
      }
      onChange(n);
    } else onChange(draft);
  };
  return (
    <label className="field attr-field">
      {caption}
      <input
        type={spec.kind === "number" ? "number" : "text"}
        value={draft}
        min={spec.min ?? undefined}
        max={spec.max ?? undefined}
        step={spec.step ?? (spec.kind === "number" ? "any" : undefined)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
          if (e.key === "Escape") setDraft(shown);
        }}
        {...common}
      />
    </label>
  );
}
