import catalogue from "./formats.json";

/** What a dataset format can hold, as `annota formats` lists it. */
export interface DatasetFormat {
  /** The name the API takes (`coco`, `yolo`, ...). */
  name: string;
  /** The format's own name and version, e.g. "COCO 1.0" (a proper name: the same in every language). */
  title: string;
  import: boolean;
  export: boolean;
  /** Shape kinds it holds, and `tag` for image-level labels. */
  kinds: string[];
  tracks: boolean;
  attributes: boolean;
  subsets: boolean;
  images: boolean;
}

/**
 * The server's format registry, copied into the app: the API has no listing yet. A server test
 * (`tests/e2e/test_datasets_dialog.py`) compares this copy with the registry, so it cannot drift.
 */
export const FORMATS: readonly DatasetFormat[] = catalogue;

export const importFormats = (): DatasetFormat[] => FORMATS.filter((f) => f.import);
export const exportFormats = (): DatasetFormat[] => FORMATS.filter((f) => f.export);

export function formatNamed(name: string): DatasetFormat | undefined {
  return FORMATS.find((f) => f.name === name);
}

/** What a format carries besides shapes, in a fixed order. */
export type FormatFeature = "tracks" | "attributes" | "subsets" | "images";
export function formatFeatures(format: DatasetFormat): FormatFeature[] {
  return (["tracks", "attributes", "subsets", "images"] as const).filter((feature) => format[feature]);
}
