import type { AnyObject } from "@annota/canvas-core";
import { useDeferredValue, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { enumLabel } from "../../i18n/enumLabel";
import { missingRequired } from "../../workspace/attributes";
import { objectMatcher } from "../../workspace/objectFilter";
import type { WorkspaceController } from "../../workspace/session/controller";
import { setHidden, setLocked, toggleHideAll } from "../../workspace/session/editing";
import type { WorkspaceSnapshot } from "../../workspace/session/snapshot";
import { VirtualList } from "./VirtualList";

const ROW_HEIGHT = 34;

/** The image's objects: counts per label, search and filter, show/hide all, and a row per object. */
export function ObjectsPanel({ controller, snap }: { controller: WorkspaceController; snap: WorkspaceSnapshot }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const [labelFilter, setLabelFilter] = useState<number | null>(null);
  const deferredQuery = useDeferredValue(query);
  const labelName = (id: number) => controller.label(id)?.name ?? t("workspace.objects.unknownLabel");
  const shapes = useMemo(() => snap.objects.filter((o) => o.kind !== "tag"), [snap.objects]);
  const counts = useMemo(() => {
    const out = new Map<number, number>();
    for (const o of shapes) out.set(o.labelId, (out.get(o.labelId) ?? 0) + 1);
    return out;
  }, [shapes]);
  const shown = useMemo(() => {
    const match = objectMatcher(deferredQuery, labelName);
    // Topmost first, as they are stacked on the canvas.
    return shapes.filter((o) => (labelFilter === null || o.labelId === labelFilter) && match(o)).reverse();
  }, [shapes, deferredQuery, labelFilter]);
  const selected = new Set(snap.selection);
  const allHidden = shown.length > 0 && shown.every((o) => snap.hidden.has(o.id));
  const order = useMemo(() => new Map(shapes.map((o, i) => [o.id, i + 1])), [shapes]);

  const row = (o: AnyObject) => {
    const label = controller.label(o.labelId);
    const missing = label === undefined ? [] : missingRequired(label.attributes, o.attributes);
    const hidden = snap.hidden.has(o.id);
    // A video job: how the object is on this frame (a track's keyframe, interpolated state, or outside).
    const state = snap.states?.get(o.id);
    const trackState = state === "keyframe" || state === "interpolated" || state === "outside" ? state : null;
    const locked = snap.locked.has(o.id);
    const summary = Object.entries(o.attributes)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(t("common.listSeparator"));
    return (
      <div
        className="object-row"
        aria-selected={selected.has(o.id)}
        data-testid="object-row"
        data-object-id={o.id}
        data-kind={o.kind}
        data-state={state}
        onClick={(e) => controller.canvas?.select([o.id], e.shiftKey || e.ctrlKey || e.metaKey ? "toggle" : "replace")}
        onDoubleClick={() => controller.canvas?.zoomToObject(o.id)}
      >
        <span className="swatch" style={{ backgroundColor: label?.color }} aria-hidden="true" />
        <span className="object-row__name">
          {t("workspace.objects.row", { n: order.get(o.id) ?? 0, label: labelName(o.labelId) })}
          <span className="muted small"> {enumLabel(t, "labelKind", o.kind)}</span>
        </span>
        {trackState !== null && (
          <span className={`state-badge state-badge--${trackState}`} title={t(`video.states.${trackState}`)} data-testid="object-state">
            {t(`video.states.${trackState}Short`)}
          </span>
        )}
        <span className="object-row__attrs muted small" title={summary}>
          {summary}
        </span>
        {missing.length > 0 && (
          <span className="object-row__warn" role="img" aria-label={t("workspace.objects.missing", { names: missing.join(t("common.listSeparator")) })} title={t("workspace.objects.missing", { names: missing.join(t("common.listSeparator")) })}>
            !
          </span>
        )}
        <button
          type="button"
          className="icon-button"
          aria-pressed={hidden}
          aria-label={t(hidden ? "workspace.objects.show" : "workspace.objects.hide")}
          title={t(hidden ? "workspace.objects.show" : "workspace.objects.hide")}
          onClick={(e) => {
            e.stopPropagation();
            setHidden(controller, [o.id], !hidden);
          }}
          data-testid="object-hide"
        >
          {hidden ? "◌" : "●"}
        </button>
        <button
          type="button"
          className="icon-button"
          aria-pressed={locked}
          aria-label={t(locked ? "workspace.objects.unlock" : "workspace.objects.lock")}
          title={t(locked ? "workspace.objects.unlock" : "workspace.objects.lock")}
          onClick={(e) => {
            e.stopPropagation();
            setLocked(controller, [o.id], !locked);
          }}
          data-testid="object-lock"
        >
          {locked ? "■" : "□"}
        </button>
      </div>
    );
  };

  return (
    <div className="objects-panel">
      <ul className="label-counts" aria-label={t("workspace.objects.counts")}>
        {controller.labels
          .filter((l) => (counts.get(l.id) ?? 0) > 0)
          .map((l) => (
            <li key={l.id}>
              <button
                type="button"
                className="chip"
                aria-pressed={labelFilter === l.id}
                onClick={() => setLabelFilter(labelFilter === l.id ? null : l.id)}
                data-testid="label-count"
                data-label-id={l.id}
              >
                <span className="swatch" style={{ backgroundColor: l.color }} aria-hidden="true" />
                {t("workspace.objects.count", { label: l.name, n: counts.get(l.id) ?? 0 })}
              </button>
            </li>
          ))}
      </ul>
      <div className="objects-panel__tools">
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t("workspace.objects.searchPlaceholder")}
          aria-label={t("workspace.objects.search")}
          data-testid="objects-search"
        />
        <select
          value={labelFilter ?? ""}
          onChange={(e) => setLabelFilter(e.target.value === "" ? null : Number(e.target.value))}
          aria-label={t("workspace.objects.labelFilter")}
          data-testid="objects-label-filter"
        >
          <option value="">{t("workspace.objects.allLabels")}</option>
          {controller.labels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
        <button type="button" className="button button--small" onClick={() => toggleHideAll(controller, shown.map((o) => o.id))} data-testid="objects-toggle-all">
          {t(allHidden ? "workspace.objects.showAll" : "workspace.objects.hideAll")}
        </button>
      </div>
      <p className="muted small" data-testid="objects-summary">
        {t("workspace.objects.summary", { shown: shown.length, total: shapes.length })}
      </p>
      <VirtualList
        items={shown}
        rowHeight={ROW_HEIGHT}
        keyOf={(o) => o.id}
        render={row}
        focusKey={snap.selection.length === 1 ? (snap.selection[0] ?? null) : null}
        label={t("workspace.objects.list")}
        testId="objects-list"
      />
    </div>
  );
}
