/** The server sets this cookie at login; it is readable by scripts (unlike the session cookie). */
export const CSRF_COOKIE = "annota_csrf";
/** Header in which unsafe requests must echo the CSRF cookie (double-submit). */
export const CSRF_HEADER = "X-CSRF-Token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** The value of cookie `name` in a `document.cookie`-style string, or null when it is absent. */
export function readCookie(cookieString: string, name: string): string | null {
  for (const pair of cookieString.split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    if (pair.slice(0, eq).trim() !== name) continue;
    const raw = pair.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw; // not percent-encoded by the server: the raw value is the token
    }
  }
  return null;
}

/** The headers an unsafe request needs: `{X-CSRF-Token: <cookie>}`, or nothing for safe methods / no cookie. */
export function csrfHeaders(method: string, cookieString: string): Record<string, string> {
  if (!isUnsafeMethod(method)) return {};
  const token = readCookie(cookieString, CSRF_COOKIE);
  return token === null || token === "" ? {} : { [CSRF_HEADER]: token };
}

/** `document.cookie` in a browser, `""` elsewhere (tests, server-side rendering). */
export function documentCookies(): string {
  return typeof document === "undefined" ? "" : document.cookie;
}
