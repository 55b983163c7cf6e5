import i18next, { type i18n as I18n } from "i18next";
import cloudEn from "../features/cloud/i18n/en.json";
import cloudFr from "../features/cloud/i18n/fr.json";
import datasetsEn from "../features/datasets/i18n/en.json";
import datasetsFr from "../features/datasets/i18n/fr.json";
import qualityEn from "../features/quality/i18n/en.json";
import qualityFr from "../features/quality/i18n/fr.json";
import reviewEn from "../features/review/i18n/en.json";
import reviewFr from "../features/review/i18n/fr.json";
import teamsEn from "../features/teams/i18n/en.json";
import teamsFr from "../features/teams/i18n/fr.json";
import en from "./en.json";
import fr from "./fr.json";

export const SUPPORTED_LOCALES = ["en", "fr"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
/** localStorage key holding the locale last chosen in this browser. */
export const LOCALE_STORAGE_KEY = "annota.locale";

/** One namespace per feature folder (`features/<name>/i18n`), so features never edit each other's texts;
 * components there call `useTranslation("<name>")`. The shell's texts are the default namespace. */
export const resources = {
  en: { translation: en, cloud: cloudEn, datasets: datasetsEn, teams: teamsEn, review: reviewEn, quality: qualityEn },
  fr: { translation: fr, cloud: cloudFr, datasets: datasetsFr, teams: teamsFr, review: reviewFr, quality: qualityFr },
} as const;
export const NAMESPACES = Object.keys(resources.en) as (keyof typeof resources.en)[];

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** `"fr-CA"` → `"fr"`; null when the language is not one we translate. */
export function localeOf(tag: string | null | undefined): Locale | null {
  const language = (tag ?? "").toLowerCase().split(/[-_]/)[0];
  return isLocale(language) ? language : null;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // storage disabled by the browser's privacy settings: the choice lasts for the page only
  }
}

export function storedLocale(): Locale | null {
  return localeOf(storage()?.getItem(LOCALE_STORAGE_KEY));
}

export function storeLocale(locale: Locale): void {
  storage()?.setItem(LOCALE_STORAGE_KEY, locale);
}

/** The stored choice first, then the browser's languages, then English. */
export function initialLocale(languages: readonly string[] = globalThis.navigator?.languages ?? []): Locale {
  const stored = storedLocale();
  if (stored) return stored;
  for (const tag of languages) {
    const locale = localeOf(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

/** A ready i18next instance (resources are bundled, so it initialises synchronously). */
export function createI18n(locale: Locale): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    ns: NAMESPACES,
    defaultNS: "translation",
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...SUPPORTED_LOCALES],
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes what it renders
    returnNull: false,
  });
  return instance;
}
