import type { ViewOptions } from "@annota/canvas-core";
import { useTranslation } from "react-i18next";
import type { WorkspaceController } from "../../workspace/session/controller";
import type { WorkspaceSnapshot } from "../../workspace/session/snapshot";

type Slider = "brightness" | "contrast" | "saturation";

/** Viewing aids: image adjustments, fill and outline, colours, grid and crosshair. Saved in the user's preferences. */
export function ViewPanel({ controller, snap }: { controller: WorkspaceController; snap: WorkspaceSnapshot }) {
  const { t } = useTranslation();
  const view = snap.view;
  const set = (patch: Partial<ViewOptions>) => controller.setView(patch);
  const slider = (key: Slider) => (
    <label key={key} className="field view-slider">
      <span className="field__label">
        {t(`workspace.view.${key}`)} <output>{t("workspace.view.percent", { value: Math.round(view[key] * 100) })}</output>
      </span>
      <input type="range" min={0} max={3} step={0.05} value={view[key]} onChange={(e) => set({ [key]: Number(e.target.value) })} data-testid={`view-${key}`} />
    </label>
  );
  return (
    <div className="view-panel">
      {(["brightness", "contrast", "saturation"] as const).map(slider)}
      <button type="button" className="button button--small" onClick={() => set({ brightness: 1, contrast: 1, saturation: 1 })}>
        {t("workspace.view.resetImage")}
      </button>
      <label className="field view-slider">
        <span className="field__label">
          {t("workspace.view.fillOpacity")} <output>{t("workspace.view.percent", { value: Math.round(view.fillOpacity * 100) })}</output>
        </span>
        <input type="range" min={0} max={1} step={0.05} value={view.fillOpacity} onChange={(e) => set({ fillOpacity: Number(e.target.value) })} data-testid="view-fillOpacity" />
      </label>
      <label className="field field--inline">
        <input type="checkbox" checked={view.outlineOnly} onChange={(e) => set({ outlineOnly: e.target.checked })} data-testid="view-outline" />
        <span>{t("workspace.view.outlineOnly")}</span>
      </label>
      <label className="field">
        <span className="field__label">{t("workspace.view.colorBy")}</span>
        <select value={view.colorBy} onChange={(e) => set({ colorBy: e.target.value === "object" ? "object" : "label" })} data-testid="view-colorBy">
          <option value="label">{t("workspace.view.byLabel")}</option>
          <option value="object">{t("workspace.view.byObject")}</option>
        </select>
      </label>
      <label className="field field--inline">
        <input type="checkbox" checked={view.pixelGrid} onChange={(e) => set({ pixelGrid: e.target.checked })} data-testid="view-grid" />
        <span>{t("workspace.view.pixelGrid")}</span>
      </label>
      <label className="field field--inline">
        <input type="checkbox" checked={view.crosshair} onChange={(e) => set({ crosshair: e.target.checked })} data-testid="view-crosshair" />
        <span>{t("workspace.view.crosshair")}</span>
      </label>
    </div>
  );
}
