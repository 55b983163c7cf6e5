import type { ChangeEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { DraftField, DraftProblem, RulesDraft } from "./rulesForm";

interface FieldProps {
  field: DraftField;
  draft: RulesDraft;
  problems: readonly DraftProblem[];
  onChange: (field: DraftField, value: string | boolean) => void;
}

/** One field's problem under it, tied to the input for screen readers. */
function Problem({ field, problems }: { field: DraftField; problems: readonly DraftProblem[] }) {
  const { t } = useTranslation("quality");
  const found = problems.find((p) => p.field === field);
  if (!found) return null;
  return (
    <span className="field__error" id={`quality-rule-${field}-problem`} role="alert" data-testid={`quality-rule-${field}-problem`}>
      {t(`settings.problems.${found.problem}`)}
    </span>
  );
}

/** A number field of the quality rules. */
export function NumberField({ field, draft, problems, onChange, hint }: FieldProps & { hint?: string }) {
  const { t } = useTranslation("quality");
  const invalid = problems.some((p) => p.field === field);
  return (
    <label className="field">
      <span className="field__label">{t(`settings.fields.${field}`)}</span>
      <input
        type="number"
        step="any"
        value={String(draft[field])}
        onChange={(e) => onChange(field, e.target.value)}
        aria-invalid={invalid}
        aria-describedby={invalid ? `quality-rule-${field}-problem` : undefined}
        data-testid={`quality-rule-${field}`}
      />
      {hint !== undefined && <span className="muted small">{hint}</span>}
      <Problem field={field} problems={problems} />
    </label>
  );
}

/** A choice among fixed options of the quality rules. */
export function SelectField({ field, draft, onChange, children }: Omit<FieldProps, "problems"> & { children: ReactNode }) {
  const { t } = useTranslation("quality");
  return (
    <label className="field">
      <span className="field__label">{t(`settings.fields.${field}`)}</span>
      <select value={String(draft[field])} onChange={(e: ChangeEvent<HTMLSelectElement>) => onChange(field, e.target.value)} data-testid={`quality-rule-${field}`}>
        {children}
      </select>
    </label>
  );
}
