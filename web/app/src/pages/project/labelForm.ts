/**
 * The label editor's state: a label as the form holds it (text fields stay text until saved), and the
 * conversion to the body of `POST /api/projects/{id}/labels` or `PATCH /api/labels/{id}`. The server
 * checks the result and answers with located errors, which the form shows.
 */
import type { LabelCreate, LabelKind, LabelPublic } from "@annota/api-client";
import { ATTRIBUTE_KINDS, type AttributeKind } from "../../workspace/attributes";
import { LABEL_KINDS, LABEL_PALETTE } from "../projects/labelDrafts";

export interface AttributeDraft {
  readonly key: number;
  readonly name: string;
  readonly kind: AttributeKind;
  /** Choices of select and radio attributes, one per line. */
  readonly values: string;
  /** The default as typed: "" for none; "true"/"false" for a checkbox. */
  readonly default: string;
  readonly required: boolean;
  readonly mutable: boolean;
  readonly min: string;
  readonly max: string;
  readonly step: string;
}

export interface SkeletonDraftPoint {
  readonly name: string;
  /** Position in the template, 0..1 of its box. */
  readonly x: number;
  readonly y: number;
}

export interface SkeletonDraft {
  readonly points: readonly SkeletonDraftPoint[];
  readonly edges: readonly (readonly [number, number])[];
}

export interface LabelFormState {
  readonly name: string;
  readonly color: string;
  readonly kind: LabelKind;
  readonly attributes: readonly AttributeDraft[];
  readonly skeleton: SkeletonDraft;
}

let nextKey = 1;
export const newKey = () => nextKey++;

export function newAttributeDraft(): AttributeDraft {
  return { key: newKey(), name: "", kind: "select", values: "", default: "", required: false, mutable: false, min: "", max: "", step: "" };
}

export function emptyLabelForm(index: number): LabelFormState {
  return { name: "", color: LABEL_PALETTE[index % LABEL_PALETTE.length] ?? "#4363d8", kind: "any", attributes: [], skeleton: { points: [], edges: [] } };
}

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v));

function attributeFrom(raw: Record<string, unknown>): AttributeDraft {
  const kind = ATTRIBUTE_KINDS.find((k) => k === raw.kind) ?? "text";
  return {
    key: newKey(),
    name: text(raw.name),
    kind,
    values: Array.isArray(raw.values) ? raw.values.map(String).join("\n") : "",
    default: text(raw.default),
    required: raw.required === true,
    mutable: raw.mutable === true,
    min: text(raw.min),
    max: text(raw.max),
    step: text(raw.step),
  };
}

function skeletonFrom(raw: LabelPublic["skeleton"]): SkeletonDraft {
  if (raw === null || typeof raw !== "object") return { points: [], edges: [] };
  const r = raw as { points?: unknown; edges?: unknown };
  const points = Array.isArray(r.points)
    ? r.points.map((p) => {
        const q = (p ?? {}) as Record<string, unknown>;
        return { name: text(q.name), x: Number(q.x) || 0, y: Number(q.y) || 0 };
      })
    : [];
  const edges = Array.isArray(r.edges) ? r.edges.filter((e): e is [number, number] => Array.isArray(e) && e.length === 2).map(([a, b]) => [Number(a), Number(b)] as const) : [];
  return { points, edges };
}

export function labelFormOf(label: LabelPublic): LabelFormState {
  return {
    name: label.name,
    color: label.color,
    kind: LABEL_KINDS.find((k) => k === label.kind) ?? "any",
    attributes: label.attributes.map((a) => attributeFrom(a as Record<string, unknown>)),
    skeleton: skeletonFrom(label.skeleton),
  };
}

function numberOrNull(v: string): number | null {
  return v.trim() === "" ? null : Number(v);
}

function defaultOf(a: AttributeDraft): string | number | boolean | null {
  if (a.kind === "checkbox") return a.default === "" ? null : a.default === "true";
  if (a.default.trim() === "") return null;
  return a.kind === "number" ? Number(a.default) : a.default;
}

/** The request body; a skeleton template is sent only for skeleton labels. */
export function labelBody(state: LabelFormState): LabelCreate {
  return {
    name: state.name.trim(),
    color: state.color,
    kind: state.kind,
    attributes: state.attributes.map((a) => ({
      name: a.name.trim(),
      kind: a.kind,
      values: a.kind === "select" || a.kind === "radio" ? a.values.split("\n").map((v) => v.trim()).filter((v) => v !== "") : [],
      default: defaultOf(a),
      required: a.required,
      mutable: a.mutable,
      min: a.kind === "number" ? numberOrNull(a.min) : null,
      max: a.kind === "number" ? numberOrNull(a.max) : null,
      step: a.kind === "number" ? numberOrNull(a.step) : null,
    })),
    skeleton:
      state.kind === "skeleton"
        ? { points: state.skeleton.points.map((p) => ({ name: p.name.trim(), x: round(p.x), y: round(p.y) })), edges: state.skeleton.edges.map(([a, b]) => [a, b] as [number, number]) }
        : null,
  };
}

const round = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 1000) / 1000;

/** Removes point `index` and the edges that touched it; later points' edge indices shift down. */
export function removeSkeletonPoint(s: SkeletonDraft, index: number): SkeletonDraft {
  return {
    points: s.points.filter((_, i) => i !== index),
    edges: s.edges.filter(([a, b]) => a !== index && b !== index).map(([a, b]) => [a > index ? a - 1 : a, b > index ? b - 1 : b] as const),
  };
}

/** Adds the edge a–b, or removes it when it exists (in either direction). */
export function toggleSkeletonEdge(s: SkeletonDraft, a: number, b: number): SkeletonDraft {
  if (a === b) return s;
  const has = s.edges.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
  return { ...s, edges: has ? s.edges.filter(([x, y]) => !((x === a && y === b) || (x === b && y === a))) : [...s.edges, [a, b] as const] };
}
