/** This feature's entries in the header navigation. */
export function TeamsNav() {
  return null;
}
