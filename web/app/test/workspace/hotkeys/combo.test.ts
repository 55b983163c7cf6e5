import { describe, expect, it } from "vitest";
import { comboFromEvent, formatCombo, isCombo, type KeyLike } from "../../../src/workspace/hotkeys/combo";

const press = (key: string, code: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe("comboFromEvent", () => {
  it("writes letters upper-case with their modifiers in a fixed order", () => {
    expect(comboFromEvent(press("z", "KeyZ", { ctrlKey: true, shiftKey: true }))).toBe("Ctrl+Shift+Z");
    expect(comboFromEvent(press("f", "KeyF"))).toBe("F");
  });

  it("reads digits from the physical key, so 1 works unshifted on an AZERTY keyboard", () => {
    expect(comboFromEvent(press("&", "Digit1"))).toBe("1");
    expect(comboFromEvent(press("3", "Numpad3"))).toBe("3");
  });

  it("leaves Shift out of symbols that already say it", () => {
    expect(comboFromEvent(press("?", "Slash", { shiftKey: true }))).toBe("?");
  });

  it("treats Cmd as Ctrl and ignores a lone modifier", () => {
    expect(comboFromEvent(press("s", "KeyS", { metaKey: true }))).toBe("Ctrl+S");
    expect(comboFromEvent(press("Shift", "ShiftLeft", { shiftKey: true }))).toBeNull();
  });
});

describe("isCombo and formatCombo", () => {
  it("accept what comboFromEvent writes and refuse modifiers out of order", () => {
    expect(["Ctrl+Shift+Z", "F", "?", "Delete", "Ctrl++", "+"].every(isCombo)).toBe(true);
    expect(["Shift+Ctrl+Z", "", "Ctrl+", "Shift"].some(isCombo)).toBe(false);
  });

  it("shows arrows and a few named keys as symbols", () => {
    expect(formatCombo("Shift+ArrowLeft")).toBe("Shift+←");
    expect(formatCombo("Delete")).toBe("Del");
  });
});
