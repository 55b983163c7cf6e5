import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { WorkspaceController } from "../../workspace/session/controller";
import type { WorkspaceSnapshot } from "../../workspace/session/snapshot";

/** Settings of the active tool shown above the canvas: the brush size for the mask brush and eraser. */
export function ToolOptions({ controller, snap }: { controller: WorkspaceController; snap: WorkspaceSnapshot }) {
  const { t } = useTranslation();
  const [size, setSize] = useState(20);
  if (snap.tool !== "brush" && snap.tool !== "eraser") return null;
  return (
    <div className="tool-options">
      <label className="field field--inline">
        <span>{t("workspace.tools.brushSize", { size })}</span>
        <input
          type="range"
          min={1}
          max={200}
          value={size}
          onChange={(e) => {
            const px = Number(e.target.value);
            setSize(px);
            controller.canvas?.setBrushSize(px);
          }}
          data-testid="brush-size"
        />
      </label>
    </div>
  );
}
