import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useApi } from "../../../api/ApiContext";
import { useQuery } from "../../../api/useQuery";
import { useSubmit } from "../../../api/useSubmit";
import { formatDateTime } from "../../../format/format";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { Pagination } from "../../../ui/Pagination";
import { settle } from "../api/settle";
import type { NotificationPublic } from "../api/types";
import { notificationTarget, notificationTextKey } from "./notificationText";
import { announceNotificationsChanged } from "./unreadEvents";

const PAGE_SIZE = 20;

function noticeText(t: TFunction<"teams">, notice: NotificationPublic): string {
  const values = {
    job: notice.job_id ?? "",
    frame: typeof notice.payload.frame === "number" ? notice.payload.frame + 1 : "",
    kind: notice.kind,
  };
  return t(`notifications.kinds.${notificationTextKey(notice)}`, values);
}

/** The caller's notifications, newest first: mark one or all read, open the job each is about. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation("teams");
  const api = useApi();
  const [page, setPage] = useState(1);
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [version, setVersion] = useState(0);
  const list = useQuery(
    (client) =>
      settle(
        client.raw.GET("/api/notifications", {
          params: { query: { page, page_size: PAGE_SIZE, ...(onlyUnread ? { unread: true } : {}) } },
        }),
      ),
    [page, onlyUnread, version],
  );
  const changed = () => {
    announceNotificationsChanged();
    setVersion((v) => v + 1);
  };
  const markRead = useSubmit(async (id: number) => {
    await settle(api.raw.POST("/api/notifications/{notification_id}/read", { params: { path: { notification_id: id } } }));
    changed();
  });
  const markAll = useSubmit(async () => {
    await settle(api.raw.POST("/api/notifications/read-all"));
    changed();
  });

  return (
    <section className="page" data-testid="notifications">
      <div className="page__head">
        <h1>{t("notifications.title")}</h1>
        <div className="page__actions">
          <label className="field--inline">
            <input
              type="checkbox"
              checked={onlyUnread}
              onChange={(event) => {
                setOnlyUnread(event.target.checked);
                setPage(1);
              }}
              data-testid="notifications-unread-only"
            />{" "}
            {t("notifications.unreadOnly")}
          </label>
          <button
            type="button"
            className="button"
            disabled={markAll.pending}
            onClick={() => void markAll.submit()}
            data-testid="notifications-read-all"
          >
            {t("notifications.readAll")}
          </button>
        </div>
      </div>
      <ErrorBanner error={list.error ?? markRead.error ?? markAll.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.items.length === 0 && <p className="empty">{t("notifications.empty")}</p>}
      {list.data && list.data.items.length > 0 && (
        <ul className="teams-list teams-notices" aria-busy={list.loading}>
          {list.data.items.map((notice) => {
            const target = notificationTarget(notice);
            const unread = notice.read_at === null;
            return (
              <li
                key={notice.id}
                className={unread ? "teams-notice teams-notice--unread" : "teams-notice"}
                data-testid="notification-row"
                data-kind={notice.kind}
                data-unread={unread}
              >
                <span>{noticeText(t, notice)}</span>
                <time className="muted small" dateTime={notice.created_at}>
                  {formatDateTime(i18n.language, notice.created_at)}
                </time>
                {target !== null && (
                  <Link
                    to={target}
                    className="button button--small"
                    onClick={() => unread && void markRead.submit(notice.id)}
                    data-testid="notification-open"
                  >
                    {t("notifications.open")}
                  </Link>
                )}
                {unread && (
                  <button
                    type="button"
                    className="button button--small button--ghost"
                    disabled={markRead.pending}
                    onClick={() => void markRead.submit(notice.id)}
                    data-testid="notification-read"
                  >
                    {t("notifications.markRead")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {list.data && list.data.count > PAGE_SIZE && (
        <Pagination page={page} pageSize={PAGE_SIZE} count={list.data.count} onPage={setPage} />
      )}
    </section>
  );
}
