/**
 * Key combinations as strings: modifiers in a fixed order, then the key — `"Ctrl+Shift+Z"`, `"F"`,
 * `"1"`, `"?"`, `"Delete"`. Digits come from the physical key (`KeyboardEvent.code`), so that 1-9 work
 * without Shift on AZERTY keyboards; letters and symbols come from the character typed.
 */

export interface KeyLike {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

const MODIFIER_KEYS = new Set(["Control", "Shift", "Alt", "Meta", "AltGraph", "CapsLock", "OS", "Dead", "Unidentified"]);
const MODIFIERS = ["Ctrl", "Alt", "Shift"] as const;

function keyPart(e: KeyLike): { key: string; shiftCounts: boolean } | null {
  if (MODIFIER_KEYS.has(e.key)) return null;
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(e.code);
  if (digit) return { key: digit[1] as string, shiftCounts: true };
  if (e.key === " ") return { key: "Space", shiftCounts: true };
  if (e.key.length === 1) {
    const upper = e.key.toUpperCase();
    // A letter keeps Shift as a modifier; a symbol already says whether Shift was held ("?" vs "/").
    if (upper !== e.key.toLowerCase()) return { key: upper, shiftCounts: true };
    return { key: e.key, shiftCounts: false };
  }
  return { key: e.key, shiftCounts: true };
}

/** The combination a key press makes, or null for a lone modifier. */
export function comboFromEvent(e: KeyLike): string | null {
  const part = keyPart(e);
  if (part === null) return null;
  const mods: string[] = [];
  if (e.ctrlKey || e.metaKey) mods.push("Ctrl");
  if (e.altKey) mods.push("Alt");
  if (e.shiftKey && part.shiftCounts) mods.push("Shift");
  return [...mods, part.key].join("+");
}

/** Whether `combo` is written the way `comboFromEvent` writes combinations. */
export function isCombo(combo: string): boolean {
  const parts = combo.split("+");
  // "+" itself is a key: "Ctrl++" splits into ["Ctrl", "", ""].
  const key = combo.endsWith("++") || combo === "+" ? "+" : parts.at(-1);
  const mods = combo.endsWith("++") ? parts.slice(0, -2) : combo === "+" ? [] : parts.slice(0, -1);
  if (key === undefined || key === "" || MODIFIER_KEYS.has(key)) return false;
  const order = mods.map((m) => MODIFIERS.indexOf(m as (typeof MODIFIERS)[number]));
  return order.every((o, i) => o >= 0 && (i === 0 || o > (order[i - 1] as number)));
}

/** How a combination is shown: the same text, with the arrows and a few named keys as symbols. */
const SHOWN: Readonly<Record<string, string>> = {
  ArrowLeft: "←",
  ArrowRight: "→",
  ArrowUp: "↑",
  ArrowDown: "↓",
  Escape: "Esc",
  Delete: "Del",
};

export function formatCombo(combo: string): string {
  if (combo.endsWith("++")) return `${combo.slice(0, -1)}+`;
  const parts = combo.split("+");
  return parts.map((p, i) => (i === parts.length - 1 ? (SHOWN[p] ?? p) : p)).join("+");
}
