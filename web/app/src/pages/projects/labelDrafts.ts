import type { LabelCreate, LabelKind } from "@annota/api-client";

/** Kinds offered when creating a label; `any` lets annotators draw whatever shape fits. */
export const LABEL_KINDS: readonly LabelKind[] = [
  "any",
  "rectangle",
  "polygon",
  "polyline",
  "points",
  "ellipse",
  "mask",
  "skeleton",
  "tag",
];

/** Distinct, readable on light and dark images; new labels take the next one. */
export const LABEL_PALETTE = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#bfef45"];

export interface LabelDraft {
  /** Stable React key for a row that has no server id yet. */
  key: number;
  name: string;
  color: string;
  kind: LabelKind;
}

export function newLabelDraft(key: number): LabelDraft {
  return { key, name: "", color: LABEL_PALETTE[key % LABEL_PALETTE.length] ?? "#4363d8", kind: "any" };
}

/** The wire form of the drafts; names are trimmed and untouched empty rows are left out. */
export function toLabelCreates(drafts: readonly LabelDraft[]): LabelCreate[] {
  return drafts
    .filter((draft) => draft.name.trim() !== "")
    .map((draft) => ({ name: draft.name.trim(), color: draft.color, kind: draft.kind }));
}
