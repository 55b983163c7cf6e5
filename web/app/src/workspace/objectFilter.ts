/**
 * The objects sidebar's search. Terms separated by spaces must all match:
 * `name=value` an attribute's value (`colour=red`, `parked=true`, `count=3`), `label:car` the label,
 * `kind:polygon` the kind, and any other word the label, the kind or an attribute value (substring,
 * case-insensitive).
 */
import type { AnyObject, AttributeValue } from "@annota/canvas-core";

export type ObjectMatcher = (o: AnyObject) => boolean;

function sameValue(actual: AttributeValue | undefined, wanted: string): boolean {
  if (actual === undefined) return false;
  if (typeof actual === "number") return wanted.trim() !== "" && Number(wanted) === actual;
  return String(actual).toLowerCase() === wanted.toLowerCase();
}

function termMatcher(term: string, labelName: (id: number) => string): ObjectMatcher {
  const eq = term.indexOf("=");
  if (eq > 0) {
    const name = term.slice(0, eq).toLowerCase();
    const wanted = term.slice(eq + 1);
    return (o) => Object.entries(o.attributes).some(([k, v]) => k.toLowerCase() === name && sameValue(v, wanted));
  }
  const lower = term.toLowerCase();
  if (lower.startsWith("label:")) {
    const wanted = lower.slice(6);
    return (o) => labelName(o.labelId).toLowerCase() === wanted;
  }
  if (lower.startsWith("kind:")) {
    const wanted = lower.slice(5);
    return (o) => o.kind === wanted;
  }
  return (o) =>
    labelName(o.labelId).toLowerCase().includes(lower) ||
    o.kind.includes(lower) ||
    Object.values(o.attributes).some((v) => String(v).toLowerCase().includes(lower));
}

/** The matcher of a search text; an empty text matches every object. */
export function objectMatcher(query: string, labelName: (id: number) => string): ObjectMatcher {
  const terms = query.split(/\s+/).filter((t) => t !== "");
  const matchers = terms.map((t) => termMatcher(t, labelName));
  return (o) => matchers.every((m) => m(o));
}
