import type { TFunction } from "i18next";

/** `1536000` → `"1.5 MB"` / `"1,5 Mo"` (decimal units, as file managers show them). */
export function formatBytes(t: TFunction, locale: string, bytes: number): string {
  const number = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  if (bytes < 1000) return t("units.bytes", { value: number(bytes) });
  if (bytes < 1000 ** 2) return t("units.kilobytes", { value: number(bytes / 1000) });
  if (bytes < 1000 ** 3) return t("units.megabytes", { value: number(bytes / 1000 ** 2) });
  return t("units.gigabytes", { value: number(bytes / 1000 ** 3) });
}

/** An ISO date-time as the reader's locale writes it; the raw text when the server sent something else. */
export function formatDateTime(locale: string, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

export function formatInteger(locale: string, value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A number with exactly `digits` decimals, as the reader's locale writes it (`12.5` / `12,5`). */
export function formatNumber(locale: string, value: number, digits: number): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}
