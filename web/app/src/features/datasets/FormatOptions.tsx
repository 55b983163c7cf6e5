import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { FormatOption, OptionValues } from "./formats";

interface FormatOptionsProps {
  options: FormatOption[];
  values: OptionValues;
  onChange: (values: OptionValues) => void;
}

/** A field per option of the chosen format; left empty, the format's default applies. */
export function FormatOptions({ options, values, onChange }: FormatOptionsProps) {
  const { t } = useTranslation("datasets");
  const id = useId();
  if (options.length === 0) return null;
  const set = (name: string, value: string) => onChange({ ...values, [name]: value });
  return (
    <fieldset className="datasets-form__options" data-testid="format-options">
      <legend>{t("options.title")}</legend>
      {options.map((option) => {
        const field = `${id}-${option.name}`;
        const value = values[option.name] ?? "";
        const fallback = option.default === null ? t("options.fromData") : t("options.default", { value: option.default });
        return (
          <div className="field" key={option.name}>
            <label htmlFor={field}>
              <code>{option.name}</code>
            </label>
            {option.kind === "choice" ? (
              <select
                id={field}
                value={value}
                onChange={(e) => set(option.name, e.target.value)}
                aria-describedby={`${field}-help`}
                data-testid={`option-${option.name}`}
              >
                <option value="">{fallback}</option>
                {option.choices.map((choice) => (
                  <option key={choice} value={choice}>
                    {choice}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={field}
                type={option.kind === "integer" ? "number" : "text"}
                min={option.kind === "integer" ? 1 : undefined}
                step={option.kind === "integer" ? 1 : undefined}
                value={value}
                placeholder={fallback}
                onChange={(e) => set(option.name, e.target.value)}
                aria-describedby={`${field}-help`}
                data-testid={`option-${option.name}`}
              />
            )}
            <p id={`${field}-help`} className="muted small">
              {option.help}
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}
