/**
 * Every workspace action that has a key, with CVAT-like defaults. The canvas core also reads keys
 * while it has the focus (Tab, arrows, Escape, Enter, Backspace, Space, +/-, [ ]): those are listed in
 * CANVAS_KEYS, shown in the `?` overlay, and cannot be given to another action.
 */

export const ACTION_GROUPS = ["tools", "labels", "edit", "navigate", "video", "review", "view", "app"] as const;
export type ActionGroup = (typeof ACTION_GROUPS)[number];

interface ActionDef {
  readonly group: ActionGroup;
  readonly keys: readonly string[];
}

export const ACTIONS = {
  "tool.select": { group: "tools", keys: ["V"] },
  "tool.rectangle": { group: "tools", keys: ["R"] },
  "tool.polygon": { group: "tools", keys: ["P"] },
  "tool.polyline": { group: "tools", keys: ["Y"] },
  "tool.points": { group: "tools", keys: ["K"] },
  "tool.ellipse": { group: "tools", keys: ["E"] },
  "tool.skeleton": { group: "tools", keys: ["S"] },
  "tool.brush": { group: "tools", keys: ["B"] },
  "tool.eraser": { group: "tools", keys: ["X"] },
  "tool.repeat": { group: "tools", keys: ["N"] },
  "tag.add": { group: "tools", keys: ["T"] },
  "label.1": { group: "labels", keys: ["1"] },
  "label.2": { group: "labels", keys: ["2"] },
  "label.3": { group: "labels", keys: ["3"] },
  "label.4": { group: "labels", keys: ["4"] },
  "label.5": { group: "labels", keys: ["5"] },
  "label.6": { group: "labels", keys: ["6"] },
  "label.7": { group: "labels", keys: ["7"] },
  "label.8": { group: "labels", keys: ["8"] },
  "label.9": { group: "labels", keys: ["9"] },
  "edit.undo": { group: "edit", keys: ["Ctrl+Z"] },
  "edit.redo": { group: "edit", keys: ["Ctrl+Shift+Z", "Ctrl+Y"] },
  "edit.delete": { group: "edit", keys: ["Delete"] },
  "edit.copy": { group: "edit", keys: ["Ctrl+C"] },
  "edit.paste": { group: "edit", keys: ["Ctrl+V"] },
  "edit.duplicate": { group: "edit", keys: ["Ctrl+D"] },
  "edit.occluded": { group: "edit", keys: ["Q"] },
  "edit.lock": { group: "edit", keys: ["L"] },
  "edit.hide": { group: "edit", keys: ["H"] },
  "edit.front": { group: "edit", keys: ["PageUp"] },
  "edit.back": { group: "edit", keys: ["PageDown"] },
  "edit.group": { group: "edit", keys: ["Ctrl+G"] },
  "edit.ungroup": { group: "edit", keys: ["Ctrl+Shift+G"] },
  "nav.next": { group: "navigate", keys: ["F"] },
  "nav.previous": { group: "navigate", keys: ["D"] },
  "nav.finishNext": { group: "navigate", keys: ["Ctrl+Enter"] },
  // Video jobs only (the `?` overlay shows them there): player, tracks, tracker.
  "video.playPause": { group: "video", keys: ["Shift+P"] },
  "video.forward10": { group: "video", keys: ["Shift+F"] },
  "video.back10": { group: "video", keys: ["Shift+D"] },
  "video.goTo": { group: "video", keys: ["Shift+G"] },
  "video.faster": { group: "video", keys: [">"] },
  "video.slower": { group: "video", keys: ["<"] },
  "video.loopIn": { group: "video", keys: ["I"] },
  "video.loopOut": { group: "video", keys: ["Shift+I"] },
  "video.loop": { group: "video", keys: ["Shift+L"] },
  "video.nextKeyframe": { group: "video", keys: ["."] },
  "video.previousKeyframe": { group: "video", keys: [","] },
  "video.keyframe": { group: "video", keys: ["Shift+K"] },
  "video.outside": { group: "video", keys: ["Shift+O"] },
  "video.split": { group: "video", keys: ["Shift+S"] },
  "video.merge": { group: "video", keys: ["M"] },
  "video.propagate": { group: "video", keys: ["Ctrl+B"] },
  "video.drawMode": { group: "video", keys: ["Shift+T"] },
  "video.track": { group: "video", keys: ["A"] },
  // Review: issues pinned on frames (texts in the `review` namespace).
  "review.nextIssue": { group: "review", keys: ["U"] },
  "review.previousIssue": { group: "review", keys: ["Shift+U"] },
  "review.newIssue": { group: "review", keys: ["Shift+N"] },
  "view.fit": { group: "view", keys: ["0"] },
  "view.actualSize": { group: "view", keys: ["Shift+0"] },
  "view.hideAll": { group: "view", keys: ["Shift+H"] },
  "view.outline": { group: "view", keys: ["O"] },
  "view.crosshair": { group: "view", keys: ["C"] },
  "view.colorBy": { group: "view", keys: ["Shift+C"] },
  "app.save": { group: "app", keys: ["Ctrl+S"] },
  "app.help": { group: "app", keys: ["?"] },
  "app.guidelines": { group: "app", keys: ["G"] },
} as const satisfies Readonly<Record<string, ActionDef>>;

export type ActionId = keyof typeof ACTIONS;

export const ACTION_IDS = Object.keys(ACTIONS) as ActionId[];

export function isActionId(id: string): id is ActionId {
  return id in ACTIONS;
}

/** Keys the canvas reads itself while it has the focus, with what they do there (i18n key). */
export const CANVAS_KEYS = {
  Tab: "cycle",
  "Shift+Tab": "cycleBack",
  Escape: "cancel",
  Enter: "finish",
  Backspace: "removePoint",
  Space: "pan",
  ArrowLeft: "nudge",
  ArrowRight: "nudge",
  ArrowUp: "nudge",
  ArrowDown: "nudge",
  "+": "zoomIn",
  "=": "zoomIn",
  "-": "zoomOut",
  "[": "brushSmaller",
  "]": "brushLarger",
  "Ctrl+A": "selectAll",
} as const;

export type CanvasKey = keyof typeof CANVAS_KEYS;

export function isCanvasKey(combo: string): combo is CanvasKey {
  return combo in CANVAS_KEYS;
}
