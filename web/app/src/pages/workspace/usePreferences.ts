import { useCallback, useEffect, useRef, useState } from "react";
import type { ViewOptions } from "@annota/canvas-core";
import type { ExtraRoutes } from "../../workspace/api/extraRoutes";
import { overridesOf, withOverrides, type Shortcuts } from "../../workspace/hotkeys/bindings";
import { writePreferences, type WorkspacePreferences } from "../../workspace/preferences";

const VIEW_SAVE_DELAY_MS = 1500;

/**
 * The user's shortcuts and view options, saved to their preferences. A save reads the stored object
 * first and replaces only the workspace's keys, so settings saved meanwhile from another tab survive.
 */
export function usePreferences(extra: ExtraRoutes, initial: WorkspacePreferences, view: ViewOptions) {
  const [shortcuts, setShortcuts] = useState<Shortcuts>(() => withOverrides(initial.shortcuts));
  const saved = useRef<WorkspacePreferences>(initial);

  const write = useCallback(
    async (prefs: WorkspacePreferences): Promise<boolean> => {
      try {
        const raw = await extra.getPreferences();
        await extra.putPreferences(writePreferences(raw, prefs));
        saved.current = prefs;
        return true;
      } catch {
        return false;
      }
    },
    [extra],
  );

  const saveShortcuts = useCallback(
    async (next: Shortcuts): Promise<boolean> => {
      setShortcuts(next);
      return write({ ...saved.current, shortcuts: overridesOf(next) });
    },
    [write],
  );

  // View options follow the sliders; they are written once the user stops moving them.
  const lastView = useRef(JSON.stringify(view));
  useEffect(() => {
    const text = JSON.stringify(view);
    if (text === lastView.current) return;
    const timer = setTimeout(() => {
      lastView.current = text;
      void write({ ...saved.current, view });
    }, VIEW_SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [view, write]);

  return { shortcuts, saveShortcuts };
}
