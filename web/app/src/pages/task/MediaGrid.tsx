import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../api/ApiContext";
import { useQuery } from "../../api/useQuery";
import { formatBytes } from "../../format/format";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Loading } from "../../ui/Loading";
import { Pagination } from "../../ui/Pagination";

export const MEDIA_PAGE_SIZE = 48;

interface MediaGridProps {
  taskId: number;
  /** Changes after each upload so the grid reloads. */
  revision: number;
}

export function MediaGrid({ taskId, revision }: MediaGridProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [taskId]);
  const media = useQuery(
    (client) => client.listTaskMedia(taskId, { page, page_size: MEDIA_PAGE_SIZE }),
    [taskId, page, revision],
  );

  return (
    <section className="panel" aria-labelledby="media-title">
      <h2 id="media-title">{t("media.title")}</h2>
      <ErrorBanner error={media.error} />
      {media.loading && !media.data && <Loading />}
      {media.data && media.data.items.length === 0 && <p className="empty">{t("media.empty")}</p>}
      {media.data && media.data.items.length > 0 && (
        <>
          <ul className="media-grid" aria-busy={media.loading}>
            {media.data.items.map((item) => (
              <li key={item.id} className="media-tile" data-testid="media-tile" data-media-id={item.id}>
                <a href={api.originalUrl(item.id)} target="_blank" rel="noreferrer" className="media-tile__image">
                  <img src={api.thumbnailUrl(item.id)} alt={item.name} loading="lazy" decoding="async" />
                </a>
                <div className="media-tile__caption">
                  <span className="media-tile__name" title={item.name}>
                    {item.name}
                  </span>
                  <span className="muted">
                    {item.width !== null && item.height !== null
                      ? t("media.details", {
                          size: formatBytes(t, i18n.language, item.size_bytes),
                          width: item.width,
                          height: item.height,
                        })
                      : formatBytes(t, i18n.language, item.size_bytes)}
                  </span>
                </div>
              </li>
            ))}
          </ul>
          <Pagination page={page} pageSize={media.data.page_size} count={media.data.count} onPage={setPage} />
        </>
      )}
    </section>
  );
}
