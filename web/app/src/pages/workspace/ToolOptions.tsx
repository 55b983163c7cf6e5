import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WorkspaceController } from "../../workspace/session/controller";
import type { WorkspaceSnapshot } from "../../workspace/session/snapshot";

/** Settings of the active tool shown above the canvas: the brush size for the mask brush and eraser. */
export function ToolOptions({ controller, snap }: { controller: WorkspaceController; snap: WorkspaceSnapshot }) {
  const { t } = useTranslation();
  const [size, setSize] = useState(20);
  // The canvas starts with its own size; the slider's is the one that counts.
  useEffect(() => controller.canvas?.setBrushSize(size), [controller, size]);
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
            setSize(Number(e.target.value));
          }}
          data-testid="brush-size"
        />
      </label>
    </div>
  );
}
