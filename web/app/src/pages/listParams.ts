/** A positive page number from a URL parameter; 1 for anything else. */
export function pageParam(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** A positive id from a route parameter, or null (the page then shows "not found"). */
export function idParam(value: string | undefined): number | null {
  const id = Number(value);
  return Number.isInteger(id) && id >= 1 ? id : null;
}

/** Drops empty values so the query string only carries what was chosen. */
export function withoutEmpty(values: Record<string, string | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== "") out[key] = String(value);
  }
  return out;
}
