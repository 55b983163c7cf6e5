/**
 * Labels in the workspace: the project's labels read once (attribute specs typed), what the canvas
 * is given, and which tools each label's kind allows.
 */
import type { LabelPublic } from "@annota/api-client";
import type { LabelInput, ShapeKind, ToolId } from "@annota/canvas-core";
import { parseAttributeSpecs, type AttributeSpec } from "./attributes";
import { WorkspaceError, type WorkspaceIssue } from "./errors";

export interface WorkspaceLabel {
  readonly id: number;
  readonly name: string;
  readonly color: string;
  readonly kind: string;
  readonly attributes: readonly AttributeSpec[];
  readonly skeleton: LabelPublic["skeleton"];
  /** What the canvas is given: the label as the server gives it. */
  readonly canvas: LabelInput;
}

export function readLabels(labels: readonly LabelPublic[]): WorkspaceLabel[] {
  const issues: WorkspaceIssue[] = [];
  const out: WorkspaceLabel[] = [];
  labels.forEach((l, i) => {
    let attributes: AttributeSpec[];
    try {
      attributes = parseAttributeSpecs(l.attributes, ["labels", i, "attributes"]);
    } catch (error) {
      if (error instanceof WorkspaceError) issues.push(...error.issues);
      return;
    }
    out.push({
      id: l.id,
      name: l.name,
      color: l.color,
      kind: l.kind,
      attributes,
      skeleton: l.skeleton,
      // The canvas reads the server's specs as they are (defaults, `mutable` for tracks) and checks them itself.
      canvas: { id: l.id, name: l.name, color: l.color, kind: l.kind, skeleton: l.skeleton ?? null, attributes: l.attributes },
    });
  });
  if (issues.length > 0) throw new WorkspaceError(issues);
  return out;
}

/** Drawing tools in the order the toolbar shows them. */
export const DRAWING_TOOLS = ["rectangle", "polygon", "polyline", "points", "ellipse", "skeleton", "brush", "eraser"] as const satisfies readonly ToolId[];
export type DrawingTool = (typeof DRAWING_TOOLS)[number];

const TOOLS_BY_KIND: Readonly<Record<string, readonly DrawingTool[]>> = {
  rectangle: ["rectangle"],
  polygon: ["polygon"],
  polyline: ["polyline"],
  points: ["points"],
  ellipse: ["ellipse"],
  skeleton: ["skeleton"],
  mask: ["brush", "eraser", "polygon"],
  tag: [],
  any: ["rectangle", "polygon", "polyline", "points", "ellipse", "brush", "eraser"],
};

/** The tools that can draw with a label of `kind` (a mask label also fills polygons into its mask). */
export function toolsForLabelKind(kind: string): readonly DrawingTool[] {
  return TOOLS_BY_KIND[kind] ?? [];
}

/** The shape kind a drawing tool makes. */
export function kindOfTool(tool: DrawingTool): ShapeKind {
  return tool === "brush" || tool === "eraser" ? "mask" : tool;
}

export function isDrawingTool(tool: ToolId): tool is DrawingTool {
  return (DRAWING_TOOLS as readonly string[]).includes(tool);
}

/** Whether a label of `labelKind` may be given to an object of `objectKind` (relabelling). */
export function labelFitsKind(labelKind: string, objectKind: string): boolean {
  if (objectKind === "tag") return labelKind === "tag";
  return labelKind === objectKind || (labelKind === "any" && objectKind !== "skeleton");
}
