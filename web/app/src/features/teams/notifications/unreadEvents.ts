/** Announced on `window` when this tab marked notifications read, so the bell recounts at once. */
export const NOTIFICATIONS_CHANGED = "annota:notifications-changed";

export function announceNotificationsChanged(): void {
  globalThis.dispatchEvent?.(new Event(NOTIFICATIONS_CHANGED));
}
