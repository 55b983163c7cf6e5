import type { AnyObject, AttributeValue, Visibility } from "@annota/canvas-core";
import { useTranslation } from "react-i18next";
import { enumLabel } from "../../i18n/enumLabel";
import { missingRequired } from "../../workspace/attributes";
import { labelFitsKind } from "../../workspace/labels";
import type { WorkspaceController } from "../../workspace/session/controller";
import * as edit from "../../workspace/session/editing";
import type { WorkspaceSnapshot } from "../../workspace/session/snapshot";
import { AttributeField } from "./AttributeField";

const VISIBILITIES: readonly Visibility[] = ["visible", "occluded", "outside"];

/** The selected objects: label, attributes (required ones flagged), occlusion, order, group, lock, hide. */
export function SelectionPanel({ controller, snap }: { controller: WorkspaceController; snap: WorkspaceSnapshot }) {
  const { t } = useTranslation();
  const ids = new Set(snap.selection);
  const objects = snap.objects.filter((o) => ids.has(o.id));
  if (objects.length === 0) return null;
  const first = objects[0] as AnyObject;
  const sameLabel = objects.every((o) => o.labelId === first.labelId);
  const label = sameLabel ? controller.label(first.labelId) : undefined;
  const kinds = new Set(objects.map((o) => o.kind));
  const fitting = controller.labels.filter((l) => [...kinds].every((k) => labelFitsKind(l.kind, k)));
  const valueOf = (name: string): AttributeValue | undefined => {
    const v = first.attributes[name];
    return objects.every((o) => o.attributes[name] === v) ? v : undefined;
  };
  const shapes = objects.filter((o) => o.kind !== "tag");
  const allLocked = objects.every((o) => snap.locked.has(o.id));
  const allHidden = objects.every((o) => snap.hidden.has(o.id));
  const grouped = objects.find((o) => o.groupId !== null)?.groupId ?? null;

  return (
    <section className="side-section selection" aria-labelledby="selection-heading" data-testid="selection-panel">
      <h2 id="selection-heading" className="side-section__title">
        {objects.length === 1 ? t("workspace.selection.one", { kind: enumLabel(t, "labelKind", first.kind) }) : t("workspace.selection.many", { n: objects.length })}
      </h2>
      <label className="field">
        <span className="field__label">{t("workspace.selection.label")}</span>
        <select
          value={sameLabel ? first.labelId : ""}
          onChange={(e) => edit.relabel(controller, Number(e.target.value))}
          data-testid="selection-label"
        >
          {!sameLabel && <option value="">{t("workspace.selection.mixed")}</option>}
          {fitting.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      {label?.attributes.map((spec) => (
        <AttributeField
          key={spec.name}
          spec={spec}
          value={valueOf(spec.name)}
          missing={objects.some((o) => missingRequired([spec], o.attributes).length > 0)}
          onChange={(v) => edit.setAttribute(controller, spec.name, v)}
        />
      ))}
      {shapes.length > 0 && (
        <label className="field field--inline">
          <input type="checkbox" checked={shapes.every((o) => o.occluded)} onChange={(e) => edit.setOccluded(controller, e.target.checked)} data-testid="selection-occluded" />
          <span>{t("workspace.selection.occluded")}</span>
        </label>
      )}
      {objects.length === 1 && first.kind === "skeleton" && <SkeletonPoints controller={controller} object={first} />}
      <div className="selection__actions">
        {shapes.length > 0 && (
          <>
            <button type="button" className="button button--small" onClick={() => edit.reorder(controller, "front")} data-testid="selection-front">
              {t("workspace.selection.front")}
            </button>
            <button type="button" className="button button--small" onClick={() => edit.reorder(controller, "back")} data-testid="selection-back">
              {t("workspace.selection.back")}
            </button>
          </>
        )}
        {objects.length > 1 && (
          <button type="button" className="button button--small" onClick={() => edit.group(controller)} data-testid="selection-group">
            {t("workspace.selection.group")}
          </button>
        )}
        {grouped !== null && (
          <button type="button" className="button button--small" onClick={() => edit.ungroup(controller)} data-testid="selection-ungroup">
            {t("workspace.selection.ungroup", { group: grouped })}
          </button>
        )}
        <button type="button" className="button button--small" aria-pressed={allLocked} onClick={() => edit.setLocked(controller, snap.selection, !allLocked)} data-testid="selection-lock">
          {t(allLocked ? "workspace.objects.unlock" : "workspace.objects.lock")}
        </button>
        <button type="button" className="button button--small" aria-pressed={allHidden} onClick={() => edit.setHidden(controller, snap.selection, !allHidden)} data-testid="selection-hide">
          {t(allHidden ? "workspace.objects.show" : "workspace.objects.hide")}
        </button>
        <button type="button" className="button button--small button--danger" onClick={() => edit.deleteSelected(controller)} data-testid="selection-delete">
          {t("workspace.selection.delete")}
        </button>
      </div>
    </section>
  );
}

function SkeletonPoints({ controller, object }: { controller: WorkspaceController; object: AnyObject }) {
  const { t } = useTranslation();
  if (object.kind !== "skeleton") return null;
  const template = controller.label(object.labelId)?.skeleton as { points?: { name?: unknown }[] } | null | undefined;
  const names = (template?.points ?? []).map((p, i) => (typeof p.name === "string" ? p.name : String(i + 1)));
  return (
    <fieldset className="skeleton-points">
      <legend>{t("workspace.selection.points")}</legend>
      {object.geometry.visibility.map((v, i) => (
        <label key={i} className="field field--inline">
          <span className="skeleton-points__name">{names[i] ?? String(i + 1)}</span>
          <select value={v} onChange={(e) => edit.setSkeletonPoint(controller, object.id, i, e.target.value as Visibility)} data-testid={`skeleton-point-${i}`}>
            {VISIBILITIES.map((vis) => (
              <option key={vis} value={vis}>
                {t(`workspace.visibility.${vis}`)}
              </option>
            ))}
          </select>
        </label>
      ))}
    </fieldset>
  );
}
