import type { components } from "@annota/api-client";

/** A dataset format as `GET /api/formats` lists it: what it can carry and the options it takes. */
export type DatasetFormat = components["schemas"]["FormatPublic"];
export type FormatOption = components["schemas"]["FormatOptionPublic"];
export type Direction = "import" | "export";

export function formatsFor(formats: readonly DatasetFormat[], direction: Direction): DatasetFormat[] {
  return formats.filter((f) => (direction === "import" ? f.can_import : f.can_export));
}

/** The options of `format` that apply to an import or an export. */
export function optionsFor(format: DatasetFormat | undefined, direction: Direction): FormatOption[] {
  return (format?.options ?? []).filter((option) => option.direction === direction);
}

/** What a format carries besides shapes, in a fixed order. */
export type FormatFeature = "tracks" | "attributes" | "subsets" | "images";
export function formatFeatures(format: DatasetFormat): FormatFeature[] {
  return (["tracks", "attributes", "subsets", "images"] as const).filter((feature) => format.carries[feature]);
}

/** The values typed for a format's options, by option name; "" means "the format's default". */
export type OptionValues = Record<string, string>;

/**
 * The options to send: the ones filled in, for this format and direction only (values typed for another
 * format stay in the form but are not sent). Integers go as numbers.
 */
export function chosenOptions(
  format: DatasetFormat | undefined,
  direction: Direction,
  values: OptionValues,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const option of optionsFor(format, direction)) {
    const value = (values[option.name] ?? "").trim();
    if (value === "") continue;
    out[option.name] = option.kind === "integer" && /^\d+$/.test(value) ? Number(value) : value;
  }
  return out;
}
