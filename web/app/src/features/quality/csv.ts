/** Figures as CSV (RFC 4180), for the download links beside each table. */

export type Cell = string | number | null;

/** One CSV field: quoted when it holds a comma, quote or line break; null is an empty field. */
export function csvField(value: Cell): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and the data rows, CRLF-separated as RFC 4180 has it. Numbers stay machine-readable (`0.5`). */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** A `data:` URL of the CSV, for an `<a download>` that needs no server round trip. */
export function csvHref(csv: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
}

/** Where an `<a download>` finds the CSV: a Blob URL (no size limit) where the browser has them, else a
 * `data:` URL. A Blob URL is to be revoked once used. */
export function csvUrl(csv: string): string {
  if (typeof URL.createObjectURL === "function") return URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  return csvHref(csv);
}
