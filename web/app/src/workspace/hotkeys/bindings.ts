/**
 * The keys of each action: the defaults with the user's overrides (saved in their preferences under
 * `shortcuts`), the conflicts among them, and the lookup a key press goes through.
 */
import type { WorkspaceIssue } from "../errors";
import { ACTION_IDS, ACTIONS, isActionId, isCanvasKey, type ActionId, type CanvasKey } from "./actions";
import { isCombo } from "./combo";

export type Shortcuts = Readonly<Record<ActionId, readonly string[]>>;
export type ShortcutOverrides = Partial<Record<ActionId, readonly string[]>>;

function defaults(): Shortcuts {
  const out = {} as Record<ActionId, readonly string[]>;
  for (const id of ACTION_IDS) out[id] = ACTIONS[id].keys;
  return out;
}

export const DEFAULT_SHORTCUTS: Shortcuts = defaults();

export function withOverrides(overrides: ShortcutOverrides): Shortcuts {
  return { ...DEFAULT_SHORTCUTS, ...overrides } as Shortcuts;
}

/** Only the actions whose keys differ from the defaults: what is saved. */
export function overridesOf(shortcuts: Shortcuts): ShortcutOverrides {
  const out: Partial<Record<ActionId, readonly string[]>> = {};
  for (const id of ACTION_IDS) {
    const keys = shortcuts[id];
    if (keys.join("\n") !== DEFAULT_SHORTCUTS[id].join("\n")) out[id] = keys;
  }
  return out;
}

export interface ShortcutConflict {
  readonly combo: string;
  /** The actions bound to it (two or more, or one when the canvas also reads the key). */
  readonly actions: readonly ActionId[];
  /** What the canvas does with this key when it has the focus, when it reads it. */
  readonly canvas: CanvasKey | null;
}

/** Keys bound to more than one action, or to an action and the canvas. */
export function findConflicts(shortcuts: Shortcuts): ShortcutConflict[] {
  const byCombo = new Map<string, ActionId[]>();
  for (const id of ACTION_IDS) {
    for (const combo of shortcuts[id]) {
      const list = byCombo.get(combo) ?? [];
      if (!list.includes(id)) list.push(id);
      byCombo.set(combo, list);
    }
  }
  const out: ShortcutConflict[] = [];
  for (const [combo, actions] of byCombo) {
    const canvas = isCanvasKey(combo) ? combo : null;
    if (actions.length > 1 || canvas !== null) out.push({ combo, actions, canvas });
  }
  return out;
}

/** Key → action. Where keys conflict, the action listed first in ACTIONS wins. */
export function keymap(shortcuts: Shortcuts): ReadonlyMap<string, ActionId> {
  const map = new Map<string, ActionId>();
  for (const id of ACTION_IDS) for (const combo of shortcuts[id]) if (!map.has(combo)) map.set(combo, id);
  return map;
}

/**
 * Reads `preferences.shortcuts`. What cannot be used (an unknown action, a malformed key) is left
 * out and reported with its place; the rest applies.
 */
export function parseShortcutOverrides(raw: unknown): { overrides: ShortcutOverrides; issues: WorkspaceIssue[] } {
  const overrides: Partial<Record<ActionId, readonly string[]>> = {};
  const issues: WorkspaceIssue[] = [];
  if (raw === undefined || raw === null) return { overrides, issues };
  if (typeof raw !== "object" || Array.isArray(raw)) {
    issues.push({ loc: ["preferences", "shortcuts"], msg: "expected an object of action → keys", type: "invalid" });
    return { overrides, issues };
  }
  for (const [id, keys] of Object.entries(raw as Record<string, unknown>)) {
    const loc = ["preferences", "shortcuts", id];
    if (!isActionId(id)) {
      issues.push({ loc, msg: `unknown action ${id}`, type: "unknown_action" });
      continue;
    }
    if (!Array.isArray(keys)) {
      issues.push({ loc, msg: "expected a list of keys", type: "invalid" });
      continue;
    }
    const valid = keys.filter((k, i): k is string => {
      const ok = typeof k === "string" && isCombo(k);
      if (!ok) issues.push({ loc: [...loc, i], msg: `not a key combination: ${JSON.stringify(k)}`, type: "invalid" });
      return ok;
    });
    overrides[id] = valid;
  }
  return { overrides, issues };
}
