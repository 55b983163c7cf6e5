import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../api/ApiContext";
import { useQuery } from "../../api/useQuery";
import { useSubmit } from "../../api/useSubmit";
import { formatBytes, formatInteger } from "../../format/format";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Loading } from "../../ui/Loading";
import { addCloudMedia, listObjects } from "./cloudApi";
import { baseName, crumbsOf, manifestLevel, nextLimit, PAGE_SIZE, toggleKey } from "./manifest";
import { ProblemList } from "./ProblemList";
import type { CloudMediaImport, CloudStoragePublic } from "./types";

interface CloudBrowserProps {
  storage: CloudStoragePublic;
  taskId: number;
  onAdded: () => void;
}

/** One connection's manifest, a folder at a time; adds the folder shown or the objects ticked, in the order ticked. */
export function CloudBrowser({ storage, taskId, onAdded }: CloudBrowserProps) {
  const { t, i18n } = useTranslation("cloud");
  const { t: tApp } = useTranslation();
  const api = useApi();
  const [prefix, setPrefix] = useState("");
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [selection, setSelection] = useState<string[]>([]);
  const [request, setRequest] = useState<CloudMediaImport | null>(null);
  const [added, setAdded] = useState<number | null>(null);
  const listing = useQuery((a) => listObjects(a, storage.id, prefix, limit), [storage.id, prefix, limit]);
  const add = useSubmit((body: CloudMediaImport) => addCloudMedia(api, taskId, body));

  const open = (next: string) => {
    setPrefix(next);
    setLimit(PAGE_SIZE);
  };
  const submit = async (body: CloudMediaImport) => {
    setRequest(body);
    setAdded(null);
    const result = await add.submit(body);
    if (!result) return;
    setAdded(result.added);
    setSelection([]);
    onAdded();
  };

  const level = manifestLevel(listing.data?.items ?? [], prefix);
  const bytes = (n: number) => formatBytes(tApp, i18n.language, n);
  const located = add.error && (add.error.status === 422 || add.error.status === 502);
  return (
    <div className="cloud-browser" data-testid="cloud-browser">
      <nav className="cloud-browser__crumbs" aria-label={t("browse.path")}>
        {crumbsOf(prefix).map((crumb) => (
          <button
            key={crumb.prefix}
            type="button"
            className="button button--ghost button--small"
            disabled={crumb.prefix === prefix}
            onClick={() => open(crumb.prefix)}
            data-testid="cloud-crumb"
          >
            {crumb.prefix === "" ? t("browse.root", { bucket: storage.bucket, prefix: storage.prefix }) : t("browse.folder", { name: crumb.name })}
          </button>
        ))}
      </nav>
      <ErrorBanner error={listing.error} />
      {listing.loading && !listing.data && <Loading />}
      {listing.data && (
        <ul className="cloud-browser__list" data-testid="cloud-objects">
          {level.folders.map((folder) => (
            <li key={folder.prefix}>
              <button type="button" className="button button--ghost button--small" onClick={() => open(folder.prefix)} data-testid="cloud-folder">
                {t("browse.folder", { name: folder.name })}
              </button>
              <span className="muted small cloud-browser__size">
                {t("browse.folderSummary", { n: folder.objects, count: folder.objects, size: bytes(folder.bytes) })}
              </span>
            </li>
          ))}
          {level.objects.map((object) => {
            const order = selection.indexOf(object.key);
            return (
              <li key={object.key} data-testid="cloud-object">
                <label>
                  <input
                    type="checkbox"
                    checked={order >= 0}
                    onChange={() => setSelection((s) => toggleKey(s, object.key))}
                    data-key={object.key}
                  />
                  {baseName(object.key)}
                </label>
                <span className="muted small cloud-browser__order" aria-hidden="true">
                  {order >= 0 ? formatInteger(i18n.language, order + 1) : ""}
                </span>
                <span className="muted small cloud-browser__size">{bytes(object.size)}</span>
              </li>
            );
          })}
          {level.folders.length === 0 && level.objects.length === 0 && <li className="empty">{t("browse.empty")}</li>}
        </ul>
      )}
      {listing.data?.truncated && (
        <p className="muted small">
          {t("browse.truncated", { n: formatInteger(i18n.language, listing.data.items.length) })}{" "}
          {limit < nextLimit(limit) && (
            <button type="button" className="button button--small" onClick={() => setLimit(nextLimit)} data-testid="cloud-more">
              {t("browse.more")}
            </button>
          )}
        </p>
      )}
      <div className="form__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={add.pending || !listing.data || listing.data.items.length === 0}
          onClick={() => submit({ storage_id: storage.id, prefix })}
          data-testid="cloud-add-prefix"
        >
          {prefix === "" ? t("add.everything") : t("add.folder", { folder: prefix })}
        </button>
        <button
          type="button"
          className="button"
          disabled={add.pending || selection.length === 0}
          onClick={() => submit({ storage_id: storage.id, keys: selection })}
          data-testid="cloud-add-selected"
        >
          {t("add.selected", { count: selection.length, n: formatInteger(i18n.language, selection.length) })}
        </button>
        {selection.length > 0 && (
          <button type="button" className="button button--ghost" onClick={() => setSelection([])}>
            {t("add.clear")}
          </button>
        )}
      </div>
      {add.pending && (
        <p role="status" className="muted" data-testid="cloud-adding">
          {t("add.pending")}
        </p>
      )}
      {added !== null && (
        <p role="status" className="notice" data-testid="cloud-added">
          {t("add.done", { count: added, n: formatInteger(i18n.language, added) })}
        </p>
      )}
      {add.error && request && located ? (
        <ProblemList error={add.error} request={request} />
      ) : (
        <ErrorBanner error={add.error} />
      )}
    </div>
  );
}
