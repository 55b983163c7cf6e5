import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../api/ApiContext";
import { useQuery } from "../../api/useQuery";
import { useSubmit } from "../../api/useSubmit";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { isOutOfReach, listStorages, removeStorage } from "./cloudApi";
import { ConnectForm } from "./ConnectForm";
import type { CloudStoragePublic } from "./types";
import "./cloud.css";

/** A project's connected buckets: list, connect, remove (for its managers). */
export function ProjectCloudStorage({ projectId }: { projectId: number }) {
  const { t } = useTranslation("cloud");
  const [version, setVersion] = useState(0);
  const [connecting, setConnecting] = useState(false);
  const storages = useQuery((api) => listStorages(api, projectId), [projectId, version]);

  if (isOutOfReach(storages.error)) return null; // not a manager of this project
  if (!storages.data && !storages.error) return null; // not known yet whether it is for this reader
  return (
    <section className="panel cloud" aria-labelledby="cloud-title" data-testid="cloud-storage">
      <div className="cloud__head">
        <h2 id="cloud-title">{t("project.title")}</h2>
        {!connecting && storages.data && (
          <button type="button" className="button button--small" onClick={() => setConnecting(true)} data-testid="cloud-connect-open">
            {t("project.connect")}
          </button>
        )}
      </div>
      <ErrorBanner error={storages.error} />
      {storages.data &&
        (storages.data.length === 0 ? (
          <p className="empty">{t("project.none")}</p>
        ) : (
          <StorageTable storages={storages.data} onRemoved={() => setVersion((v) => v + 1)} />
        ))}
      {connecting && (
        <ConnectForm
          projectId={projectId}
          onCancel={() => setConnecting(false)}
          onConnected={() => {
            setConnecting(false);
            setVersion((v) => v + 1);
          }}
        />
      )}
    </section>
  );
}

function StorageTable({ storages, onRemoved }: { storages: CloudStoragePublic[]; onRemoved: () => void }) {
  const { t } = useTranslation("cloud");
  return (
    <table className="table" data-testid="cloud-storage-list">
      <thead>
        <tr>
          <th>{t("project.columns.name")}</th>
          <th>{t("project.columns.bucket")}</th>
          <th>{t("project.columns.prefix")}</th>
          <th>{t("project.columns.endpoint")}</th>
          <th>{t("project.columns.credentials")}</th>
          <th>
            <span className="visually-hidden">{t("project.columns.actions")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {storages.map((storage) => (
          <StorageRow key={storage.id} storage={storage} onRemoved={onRemoved} />
        ))}
      </tbody>
    </table>
  );
}

function StorageRow({ storage, onRemoved }: { storage: CloudStoragePublic; onRemoved: () => void }) {
  const { t } = useTranslation("cloud");
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const remove = useSubmit(async () => {
    await removeStorage(api, storage.id);
    onRemoved();
  });
  return (
    <tr data-testid="cloud-storage-row" data-storage-id={storage.id}>
      <td>{storage.name}</td>
      <td>
        <code>{storage.bucket}</code>
      </td>
      <td>{storage.prefix === "" ? <span className="muted">{t("project.wholeBucket")}</span> : <code>{storage.prefix}</code>}</td>
      <td>{storage.endpoint_url ?? <span className="muted">{t("project.defaultEndpoint")}</span>}</td>
      <td>{storage.has_credentials ? t("project.keysStored") : t("project.serverCredentials")}</td>
      <td>
        <div className="cloud__actions">
          <ErrorBanner
            error={remove.error}
            title={remove.error?.status === 409 ? t("project.inUse") : undefined}
            onDismiss={remove.clearError}
          />
          {confirming ? (
            <span className="cloud__confirm" role="group" aria-label={t("project.confirmLabel", { name: storage.name })}>
              <span>{t("project.confirm", { name: storage.name })}</span>
              <button
                type="button"
                className="button button--small button--danger"
                disabled={remove.pending}
                onClick={async () => {
                  await remove.submit();
                  setConfirming(false);
                }}
                data-testid="cloud-remove-confirm"
              >
                {t("project.remove")}
              </button>
              <button type="button" className="button button--small button--ghost" onClick={() => setConfirming(false)}>
                {t("project.keep")}
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                remove.clearError();
                setConfirming(true);
              }}
              aria-label={t("project.removeLabel", { name: storage.name })}
              data-testid="cloud-remove"
            >
              {t("project.remove")}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
