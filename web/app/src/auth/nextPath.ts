/** Where the login page sends people when it was not told where they were going. */
export const HOME_PATH = "/projects";

/**
 * The `next` query parameter of the login page, if it is a path on this site. Anything else
 * (`//evil.example`, `https://...`, `javascript:`) is ignored so the login page cannot be used to
 * redirect to another site.
 */
export function safeNextPath(next: string | null): string {
  if (next === null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return HOME_PATH;
  if (next === "/login" || next.startsWith("/login?")) return HOME_PATH;
  return next;
}

/** `/login?next=<where they were going>`. */
export function loginPathFor(location: { pathname: string; search: string; hash: string }): string {
  const next = `${location.pathname}${location.search}${location.hash}`;
  return next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
}
