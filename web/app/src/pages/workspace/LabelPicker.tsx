import { useTranslation } from "react-i18next";
import { enumLabel } from "../../i18n/enumLabel";
import type { WorkspaceController } from "../../workspace/session/controller";
import { pickLabel } from "../../workspace/session/runAction";
import type { WorkspaceSnapshot } from "../../workspace/session/snapshot";

/** The project's labels; the first nine answer to 1-9. Choosing one relabels the selection when there is one. */
export function LabelPicker({ controller, snap }: { controller: WorkspaceController; snap: WorkspaceSnapshot }) {
  const { t } = useTranslation();
  return (
    <section className="side-section" aria-labelledby="labels-heading">
      <h2 id="labels-heading" className="side-section__title">
        {t("workspace.labels.title")}
      </h2>
      <ul className="label-picker">
        {controller.labels.map((label, i) => (
          <li key={label.id}>
            <button
              type="button"
              className="label-picker__item"
              aria-pressed={snap.activeLabel === label.id}
              onClick={() => pickLabel(controller, i)}
              data-testid="label-option"
              data-label-id={label.id}
            >
              <span className="label-picker__key" aria-hidden={i >= 9}>
                {i < 9 ? String(i + 1) : ""}
              </span>
              <span className="swatch" style={{ backgroundColor: label.color }} aria-hidden="true" />
              <span className="label-picker__name">{label.name}</span>
              <span className="badge">{enumLabel(t, "labelKind", label.kind)}</span>
            </button>
          </li>
        ))}
      </ul>
      {controller.labels.length === 0 && <p className="empty">{t("workspace.labels.none")}</p>}
    </section>
  );
}
