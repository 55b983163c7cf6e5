/**
 * The workspace's part of the user's preferences (`GET/PUT /api/users/me/preferences`, one JSON
 * object per user): `shortcuts` (action → keys, only where they differ from the defaults) and `view`
 * (the viewing aids). Other keys are kept untouched when saving.
 */
import { DEFAULT_VIEW_OPTIONS, type ViewOptions } from "@annota/canvas-core";
import type { WorkspaceIssue } from "./errors";
import { parseShortcutOverrides, type ShortcutOverrides } from "./hotkeys/bindings";

export interface WorkspacePreferences {
  readonly shortcuts: ShortcutOverrides;
  readonly view: Partial<ViewOptions>;
}

export const EMPTY_PREFERENCES: WorkspacePreferences = { shortcuts: {}, view: {} };

function readView(raw: unknown, issues: WorkspaceIssue[]): Partial<ViewOptions> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    issues.push({ loc: ["preferences", "view"], msg: "expected an object", type: "invalid" });
    return {};
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const known = (DEFAULT_VIEW_OPTIONS as unknown as Record<string, unknown>)[key];
    if (known === undefined) issues.push({ loc: ["preferences", "view", key], msg: "unknown view option", type: "invalid" });
    else if (typeof value !== typeof known) issues.push({ loc: ["preferences", "view", key], msg: `expected a ${typeof known}`, type: "invalid" });
    else out[key] = value;
  }
  return out as Partial<ViewOptions>;
}

export function readPreferences(raw: Readonly<Record<string, unknown>>): { preferences: WorkspacePreferences; issues: WorkspaceIssue[] } {
  const { overrides, issues } = parseShortcutOverrides(raw.shortcuts);
  const view = readView(raw.view, issues);
  return { preferences: { shortcuts: overrides, view }, issues };
}

/** `raw` with the workspace's keys replaced. */
export function writePreferences(raw: Readonly<Record<string, unknown>>, prefs: WorkspacePreferences): Record<string, unknown> {
  return { ...raw, shortcuts: prefs.shortcuts, view: prefs.view };
}
