/** What each keyboard action does. Panels the page owns (help, guidelines) come in as `ui`. */
import type { ToolId } from "@annota/canvas-core";
import type { ActionId } from "../hotkeys/actions";
import type { WorkspaceController } from "./controller";
import * as edit from "./editing";

export interface WorkspaceUi {
  toggleHelp(): void;
  toggleGuidelines(): void;
}

const TOOL_ACTIONS: Partial<Record<ActionId, ToolId>> = {
  "tool.select": "select",
  "tool.rectangle": "rectangle",
  "tool.polygon": "polygon",
  "tool.polyline": "polyline",
  "tool.points": "points",
  "tool.ellipse": "ellipse",
  "tool.skeleton": "skeleton",
  "tool.brush": "brush",
  "tool.eraser": "eraser",
};

/** 1-9: relabels the selection when there is one, else picks the label to draw with. */
export function pickLabel(c: WorkspaceController, index: number): void {
  const label = c.labels[index];
  if (label === undefined) return;
  const selection = c.snapshot().selection;
  if (selection.length > 0 && edit.relabel(c, label.id)) return;
  c.setActiveLabel(label.id);
}

export function runAction(c: WorkspaceController, action: ActionId, ui: WorkspaceUi): void {
  const tool = TOOL_ACTIONS[action];
  if (tool !== undefined) {
    c.setTool(tool);
    return;
  }
  if (action.startsWith("label.")) {
    pickLabel(c, Number(action.slice(6)) - 1);
    return;
  }
  const canvas = c.canvas;
  const view = c.snapshot().view;
  switch (action) {
    case "tool.repeat":
      return c.repeatTool();
    case "tag.add":
      return edit.addTag(c);
    case "edit.undo":
      canvas?.undo();
      return;
    case "edit.redo":
      canvas?.redo();
      return;
    case "edit.delete":
      return edit.deleteSelected(c);
    case "edit.copy":
      return edit.copy(c);
    case "edit.paste":
      return edit.paste(c);
    case "edit.duplicate":
      return edit.duplicate(c);
    case "edit.occluded":
      return edit.toggleOccluded(c);
    case "edit.lock":
      return edit.toggleLocked(c);
    case "edit.hide":
      return edit.toggleHidden(c);
    case "edit.front":
      return edit.reorder(c, "front");
    case "edit.back":
      return edit.reorder(c, "back");
    case "edit.group":
      return edit.group(c);
    case "edit.ungroup":
      return edit.ungroup(c);
    case "nav.next":
      void c.step(1);
      return;
    case "nav.previous":
      void c.step(-1);
      return;
    case "nav.finishNext":
      void c.finishAndNext();
      return;
    case "view.fit":
      canvas?.fit();
      return;
    case "view.actualSize":
      canvas?.actualSize();
      return;
    case "view.hideAll":
      return edit.toggleHideAll(c);
    case "view.outline":
      return c.setView({ outlineOnly: !view.outlineOnly });
    case "view.crosshair":
      return c.setView({ crosshair: !view.crosshair });
    case "view.colorBy":
      return c.setView({ colorBy: view.colorBy === "label" ? "object" : "label" });
    case "app.save":
      void c.saveNow();
      return;
    case "app.help":
      return ui.toggleHelp();
    case "app.guidelines":
      return ui.toggleGuidelines();
  }
}
