import type { JobPublic } from "@annota/api-client";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useApi } from "../../api/ApiContext";
import { useQuery } from "../../api/useQuery";
import { formatBytes } from "../../format/format";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Loading } from "../../ui/Loading";
import { Pagination } from "../../ui/Pagination";
import { JOBS_PAGE_SIZE } from "./JobList";

export const MEDIA_PAGE_SIZE = 48;

interface MediaGridProps {
  taskId: number;
  /** Changes after each upload so the grid reloads. */
  revision: number;
}

/** The job whose frames hold `frame` (the first one, where jobs overlap). */
export function jobOfFrame(jobs: readonly JobPublic[], frame: number): JobPublic | undefined {
  return jobs.find((j) => j.frame_start <= frame && frame <= j.frame_stop);
}

/** The task's images as thumbnails, each with its status (objects on it) and a link into the workspace. */
export function MediaGrid({ taskId, revision }: MediaGridProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [taskId]);
  const media = useQuery(
    (client) => client.listTaskMedia(taskId, { page, page_size: MEDIA_PAGE_SIZE }),
    [taskId, page, revision],
  );
  const jobs = useQuery((client) => client.listJobs({ task_id: taskId, page: 1, page_size: JOBS_PAGE_SIZE }), [taskId, revision]);

  return (
    <section className="panel" aria-labelledby="media-title">
      <h2 id="media-title">{t("media.title")}</h2>
      <ErrorBanner error={media.error} />
      {media.loading && !media.data && <Loading />}
      {media.data && media.data.items.length === 0 && <p className="empty">{t("media.empty")}</p>}
      {media.data && media.data.items.length > 0 && (
        <>
          <ul className="media-grid" aria-busy={media.loading}>
            {media.data.items.map((item) => {
              const job = jobOfFrame(jobs.data?.items ?? [], item.frame);
              const count = item.annotation_count ?? 0;
              const image = <img src={api.thumbnailUrl(item.id)} alt={item.name} loading="lazy" decoding="async" />;
              return (
                <li key={item.id} className="media-tile" data-testid="media-tile" data-media-id={item.id} data-frame={item.frame} data-objects={count}>
                  {job ? (
                    <Link to={`/jobs/${job.id}?frame=${item.frame}`} className="media-tile__image" title={t("media.open")} data-testid="media-open">
                      {image}
                    </Link>
                  ) : (
                    <span className="media-tile__image">{image}</span>
                  )}
                  <div className="media-tile__caption">
                    <span className="media-tile__name" title={item.name}>
                      {item.name}
                    </span>
                    <span className={count > 0 ? "media-status media-status--done" : "media-status"} data-testid="media-status">
                      {count > 0 ? t("media.objects", { count }) : t("media.notStarted")}
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
                    <a href={api.originalUrl(item.id)} target="_blank" rel="noreferrer" className="small">
                      {t("media.original")}
                    </a>
                  </div>
                </li>
              );
            })}
          </ul>
          <Pagination page={page} pageSize={media.data.page_size} count={media.data.count} onPage={setPage} />
        </>
      )}
    </section>
  );
}
