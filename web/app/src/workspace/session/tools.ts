/**
 * Choosing tools and labels: a drawing tool picks a label that allows it, a label switches a drawing
 * tool that cannot draw it to one that can, and N repeats the last drawing tool.
 */
import type { ToolId } from "@annota/canvas-core";
import { isDrawingTool, toolsForLabelKind } from "../labels";
import type { WorkspaceController } from "./controller";

export function chooseTool(c: WorkspaceController, tool: ToolId): void {
  const canvas = c.canvas;
  if (canvas === null) return;
  if (isDrawingTool(tool)) {
    const active = c.snapshot().activeLabel;
    const label = active === null ? undefined : c.label(active);
    if (label === undefined || !toolsForLabelKind(label.kind).includes(tool)) {
      const fitting = c.labels.find((l) => toolsForLabelKind(l.kind).includes(tool));
      if (fitting === undefined) {
        c.say("noLabelForTool", { tool });
        return;
      }
      chooseLabel(c, fitting.id);
    }
    c.update({ lastDrawingTool: tool });
  }
  canvas.setTool(tool);
}

/** N: the last drawing tool again. */
export function repeatTool(c: WorkspaceController): void {
  const last = c.snapshot().lastDrawingTool;
  if (last === null) c.say("noToolToRepeat");
  else chooseTool(c, last);
}

export function chooseLabel(c: WorkspaceController, id: number): void {
  const canvas = c.canvas;
  const label = c.label(id);
  if (canvas === null || label === undefined) return;
  canvas.setActiveLabel(id);
  c.update({ activeLabel: id });
  const tool = c.snapshot().tool;
  const fits = toolsForLabelKind(label.kind);
  if (isDrawingTool(tool) && !fits.includes(tool)) {
    const next = fits[0];
    if (next === undefined) canvas.setTool("select");
    else {
      canvas.setTool(next);
      c.update({ lastDrawingTool: next });
    }
  }
}
