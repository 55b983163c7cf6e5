import type { LabelAttribute } from "@annota/api-client";

/** The parts of an attribute spec the label list shows; null when the server sent no usable name. */
export interface AttributeSummary {
  name: string;
  /** The attribute's input kind (select, radio, checkbox, number, text), when known. */
  kind: string | null;
}

/** Label attributes come over the wire as free-form objects; read the two fields the list needs. */
export function attributeSummary(attribute: LabelAttribute): AttributeSummary | null {
  const { name, kind } = attribute as Record<string, unknown>;
  if (typeof name !== "string" || name === "") return null;
  return { name, kind: typeof kind === "string" ? kind : null };
}
