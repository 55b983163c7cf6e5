import type { LabelPublic } from "@annota/api-client";
import { useTranslation } from "react-i18next";
import { enumLabel } from "../../i18n/enumLabel";
import { attributeSummary } from "./attributeSummary";

interface LabelListProps {
  labels: readonly LabelPublic[];
  /** When given, each label has an edit button. */
  onEdit?: (labelId: number) => void;
}

export function LabelList({ labels, onEdit }: LabelListProps) {
  const { t } = useTranslation();
  if (labels.length === 0) return <p className="empty">{t("labels.none")}</p>;
  return (
    <ul className="label-list">
      {labels.map((label) => (
        <li key={label.id} className="label-list__item" data-testid="label-item">
          <span className="swatch" style={{ backgroundColor: label.color }} aria-hidden="true" />
          <span className="label-list__name">{label.name}</span>
          <span className="badge">{enumLabel(t, "labelKind", label.kind)}</span>
          {label.attributes.length > 0 && (
            <span className="label-list__attributes muted">
              {t("labels.attributes")}
              {t("common.colonSeparator")}
              {label.attributes
                .map(attributeSummary)
                .map((attribute) =>
                  attribute === null
                    ? t("labels.unnamedAttribute")
                    : attribute.kind === null
                      ? attribute.name
                      : t("labels.attribute", {
                          name: attribute.name,
                          type: enumLabel(t, "attributeType", attribute.kind),
                        }),
                )
                .join(t("common.listSeparator"))}
            </span>
          )}
          {onEdit && (
            <button type="button" className="button button--small button--ghost" onClick={() => onEdit(label.id)} data-testid="label-edit">
              {t("labelEditor.edit")}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
