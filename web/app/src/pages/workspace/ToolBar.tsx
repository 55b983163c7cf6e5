import { TOOL_IDS, type ToolId } from "@annota/canvas-core";
import { useTranslation } from "react-i18next";
import type { ActionId } from "../../workspace/hotkeys/actions";
import type { Shortcuts } from "../../workspace/hotkeys/bindings";
import { formatCombo } from "../../workspace/hotkeys/combo";
import { isDrawingTool, toolsForLabelKind } from "../../workspace/labels";
import type { WorkspaceController } from "../../workspace/session/controller";
import { addTag } from "../../workspace/session/editing";
import type { WorkspaceSnapshot } from "../../workspace/session/snapshot";
import { ToolIcon } from "./ToolIcon";

interface ToolBarProps {
  controller: WorkspaceController;
  snap: WorkspaceSnapshot;
  shortcuts: Shortcuts;
}

/** The tools down the left side. A drawing tool no label of the project allows is disabled. */
export function ToolBar({ controller, snap, shortcuts }: ToolBarProps) {
  const { t } = useTranslation();
  const keyOf = (action: ActionId) => shortcuts[action].map(formatCombo).join(t("common.listSeparator"));
  const usable = (tool: ToolId) => !isDrawingTool(tool) || controller.labels.some((l) => toolsForLabelKind(l.kind).includes(tool));
  const hasTagLabel = controller.labels.some((l) => l.kind === "tag");
  return (
    <nav className="toolbar-v" aria-label={t("workspace.tools.label")}>
      {TOOL_IDS.map((tool) => {
        const name = t(`workspace.tools.${tool}`);
        const key = keyOf(`tool.${tool}` as ActionId);
        return (
          <button
            key={tool}
            type="button"
            className="toolbar-v__button"
            aria-pressed={snap.tool === tool}
            aria-label={name}
            title={t("workspace.withKey", { name, key })}
            disabled={!usable(tool) || snap.imageState !== "ready"}
            onClick={() => controller.setTool(tool)}
            data-testid={`tool-${tool}`}
          >
            <ToolIcon tool={tool} />
          </button>
        );
      })}
      <span className="toolbar-v__sep" aria-hidden="true" />
      <button
        type="button"
        className="toolbar-v__button"
        aria-label={t("workspace.tools.tag")}
        title={t("workspace.withKey", { name: t("workspace.tools.tag"), key: keyOf("tag.add") })}
        disabled={!hasTagLabel || snap.imageState !== "ready"}
        onClick={() => addTag(controller)}
        data-testid="tool-tag"
      >
        <ToolIcon tool="tag" />
      </button>
    </nav>
  );
}
