/** The two ends of an invitation link: building the address to give, reading the token on arrival. */

/** The address to give the person invited: the server's link (a path) on this site's origin. */
export function invitationUrl(link: string, origin: string): string {
  return new URL(link, origin).href;
}

/**
 * The token of an invitation address: from the fragment (`#token=...`, as the server writes links,
 * so the token stays out of server logs) or else the query (`?token=...`); null without one.
 */
export function invitationToken(location: { search: string; hash: string }): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, "")).get("token");
  const token = fromHash ?? new URLSearchParams(location.search).get("token");
  return token !== null && token.trim() !== "" ? token.trim() : null;
}
