import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { WorkspaceController } from "../../workspace/session/controller";
import { addTag } from "../../workspace/session/editing";
import type { WorkspaceSnapshot } from "../../workspace/session/snapshot";

/** Image-level tags: the image's tags (select one to edit its attributes), and adding one. */
export function TagsPanel({ controller, snap }: { controller: WorkspaceController; snap: WorkspaceSnapshot }) {
  const { t } = useTranslation();
  const tagLabels = controller.labels.filter((l) => l.kind === "tag");
  const [labelId, setLabelId] = useState<number | null>(tagLabels[0]?.id ?? null);
  const tags = snap.objects.filter((o) => o.kind === "tag");
  if (tagLabels.length === 0) return <p className="empty">{t("workspace.tags.noLabel")}</p>;
  return (
    <div className="tags-panel">
      <div className="tags-panel__add">
        <select value={labelId ?? ""} onChange={(e) => setLabelId(Number(e.target.value))} aria-label={t("workspace.tags.label")} data-testid="tag-label">
          {tagLabels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
        <button type="button" className="button button--small" onClick={() => labelId !== null && addTag(controller, labelId)} data-testid="tag-add">
          {t("workspace.tags.add")}
        </button>
      </div>
      {tags.length === 0 && <p className="empty">{t("workspace.tags.none")}</p>}
      <ul className="tags-panel__list">
        {tags.map((tag) => {
          const label = controller.label(tag.labelId);
          return (
            <li key={tag.id}>
              <button
                type="button"
                className="chip"
                aria-pressed={snap.selection.includes(tag.id)}
                onClick={() => controller.canvas?.select([tag.id])}
                data-testid="tag-row"
                data-object-id={tag.id}
              >
                <span className="swatch" style={{ backgroundColor: label?.color }} aria-hidden="true" />
                {label?.name ?? t("workspace.objects.unknownLabel")}
                <span className="muted small">
                  {Object.values(tag.attributes).map(String).join(t("common.listSeparator"))}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
