import type { TFunction } from "i18next";

/** Server enums shown to people; each group is an object of value → text in en.json / fr.json. */
export type EnumGroup = "labelKind" | "attributeType" | "jobStage" | "jobState" | "mediaKind";

/**
 * The translated text of a server enum value, or the value itself when the server sends one we have
 * no text for yet (a new kind must not blank the UI).
 */
export function enumLabel(t: TFunction, group: EnumGroup, value: string): string {
  const key = `enums.${group}.${value}`;
  // Dynamic keys are outside i18next's typed key set; the fallback covers unknown values.
  const translate = t as unknown as (key: string, options: { defaultValue: string }) => string;
  return translate(key, { defaultValue: value });
}
