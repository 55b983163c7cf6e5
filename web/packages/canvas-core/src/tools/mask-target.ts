/**
 * Where mask painting goes: into the one selected mask of the active label, or into a new mask.
 * Shared by the brush, the eraser and the polygon tool drawing with a mask label.
 */
import { MaskBitmap, decodeMask, encodeMask } from "../kinds/mask-rle";
import type { Label } from "../model/label";
import type { AnnotationObject } from "../model/object";
import type { ChangeRequest } from "../store/changes";
import { newObject } from "./create";
import { editable } from "./select-actions";
import type { ToolContext } from "./tool";

export interface MaskTarget {
  /** The id the painted mask has (an existing mask's, or a new one's). */
  readonly id: string;
  /** The existing mask, or null when painting creates one. */
  readonly existing: AnnotationObject<"mask"> | null;
  readonly label: Label;
}

/** The single selected, editable mask; with `label`, only if it has that label. */
export function selectedMask(ctx: ToolContext, label: Label | null): AnnotationObject<"mask"> | null {
  const sel = ctx.store.selected();
  if (sel.length !== 1) return null;
  const obj = ctx.store.get(sel[0] as string);
  if (!editable(ctx, obj) || obj.kind !== "mask") return null;
  return label === null || obj.labelId === label.id ? obj : null;
}

export function maskTarget(ctx: ToolContext, label: Label): MaskTarget {
  const existing = selectedMask(ctx, label);
  return { id: existing?.id ?? ctx.newId(), existing, label };
}

export function startBitmap(target: MaskTarget): MaskBitmap {
  return target.existing === null ? new MaskBitmap(0, 0, 0, 0) : decodeMask(target.existing.geometry);
}

/**
 * The change that makes the target hold `bitmap`: create or update it, or delete it when no
 * pixel is left (`exists` says whether the id is in the store right now).
 */
export function maskChange(ctx: ToolContext, target: MaskTarget, bitmap: MaskBitmap, exists: boolean): ChangeRequest {
  const geometry = encodeMask(bitmap);
  if (geometry === null) return exists ? { delete: [target.id] } : {};
  const current = ctx.store.get(target.id);
  if (current !== undefined && current.kind === "mask") return { update: [{ ...current, geometry }] };
  const base = target.existing ?? newObject(ctx, "mask", target.label, geometry, target.id);
  return { create: [{ ...base, geometry }] };
}
