import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";
import { useApi } from "../../../api/ApiContext";
import { settle } from "../api/settle";
import { NOTIFICATIONS_CHANGED } from "./unreadEvents";

/** How often the bell asks for the unread count. */
export const UNREAD_POLL_MS = 30_000;

/** The header's bell: a link to the notifications with the unread count, polled and refreshed on focus. */
export function NotificationBell({ pollMs = UNREAD_POLL_MS }: { pollMs?: number }) {
  const { t } = useTranslation("teams");
  const api = useApi();
  const [unread, setUnread] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    const refresh = () => {
      settle(api.raw.GET("/api/notifications/unread")).then(
        (answer) => live && setUnread(answer.unread),
        // The count is a hint: a failed poll keeps the last one (a lost session is handled by the client).
        () => undefined,
      );
    };
    refresh();
    const timer = setInterval(refresh, pollMs);
    globalThis.addEventListener?.("focus", refresh);
    globalThis.addEventListener?.(NOTIFICATIONS_CHANGED, refresh);
    return () => {
      live = false;
      clearInterval(timer);
      globalThis.removeEventListener?.("focus", refresh);
      globalThis.removeEventListener?.(NOTIFICATIONS_CHANGED, refresh);
    };
  }, [api, pollMs]);

  const count = unread ?? 0;
  return (
    <NavLink
      to="/notifications"
      className="teams-bell"
      aria-label={t("notifications.bell", { count })}
      data-testid="notification-bell"
      data-unread={count}
    >
      <svg className="teams-bell__icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {count > 0 && (
        <span className="teams-bell__count" aria-hidden="true" data-testid="notification-count">
          {count > 99 ? "99+" : count}
        </span>
      )}
    </NavLink>
  );
}
