import { useEffect, useRef } from "react";
import type { ActionId } from "../../workspace/hotkeys/actions";
import { comboFromEvent } from "../../workspace/hotkeys/combo";

/** Fields where keys are typed, not commands. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !["checkbox", "radio", "range", "button", "submit", "color"].includes(target.type);
  return false;
}

/**
 * The workspace's keys, on the whole window. A key the canvas already used (it prevents the default)
 * is left alone, and so is typing in a field, except Ctrl+S which saves from anywhere.
 */
export function useWorkspaceKeys(keymap: ReadonlyMap<string, ActionId>, run: (action: ActionId) => void, enabled: boolean): void {
  const latest = useRef({ keymap, run });
  latest.current = { keymap, run };
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const combo = comboFromEvent(e);
      if (combo === null) return;
      const action = latest.current.keymap.get(combo);
      if (action === undefined) return;
      if (typingIn(e.target) && action !== "app.save") return;
      // Enter and Space on a focused button press it; they are not commands there.
      if (e.target instanceof HTMLButtonElement && (combo === "Enter" || combo === "Space")) return;
      e.preventDefault();
      latest.current.run(action);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}
