import { describe, expect, it } from "vitest";
import { DEFAULT_SHORTCUTS, findConflicts, keymap, overridesOf, parseShortcutOverrides, withOverrides } from "../../../src/workspace/hotkeys/bindings";

describe("shortcuts", () => {
  it("have CVAT-like defaults with no conflict", () => {
    const map = keymap(DEFAULT_SHORTCUTS);
    expect([map.get("N"), map.get("F"), map.get("D"), map.get("1"), map.get("Ctrl+S"), map.get("?")]).toEqual([
      "tool.repeat",
      "nav.next",
      "nav.previous",
      "label.1",
      "app.save",
      "app.help",
    ]);
    expect(findConflicts(DEFAULT_SHORTCUTS)).toEqual([]);
  });

  it("report a key given to two actions, and one the canvas reads itself", () => {
    const shortcuts = withOverrides({ "nav.next": ["D"], "tool.select": ["Tab"] });
    expect(findConflicts(shortcuts)).toEqual([
      { combo: "Tab", actions: ["tool.select"], canvas: "Tab" },
      { combo: "D", actions: ["nav.next", "nav.previous"], canvas: null },
    ]);
  });

  it("save only what differs from the defaults", () => {
    expect(overridesOf(withOverrides({ "nav.next": ["J"], "nav.previous": ["D"] }))).toEqual({ "nav.next": ["J"] });
  });

  it("read saved overrides, leaving out and locating what cannot be used", () => {
    const { overrides, issues } = parseShortcutOverrides({ "nav.next": ["J", "Shift+Ctrl+J", 3], "no.such": ["K"] });
    expect(overrides).toEqual({ "nav.next": ["J"] });
    expect(issues.map((i) => i.loc.join("."))).toEqual(["preferences.shortcuts.nav.next.1", "preferences.shortcuts.nav.next.2", "preferences.shortcuts.no.such"]);
  });
});
