import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../../api/ApiContext";
import { useQuery } from "../../../api/useQuery";
import { useSubmit } from "../../../api/useSubmit";
import { formatDateTime } from "../../../format/format";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { settle } from "../api/settle";
import type { WebhookCreated, WebhookPublic } from "../api/types";

/** Events a webhook may ask for (docs/teams.md); "*" is all of them. */
export const WEBHOOK_EVENTS = [
  "job.assigned",
  "job.submitted",
  "job.rejected",
  "job.accepted",
  "job.state_changed",
  "job.deadline_approaching",
  "issue.opened",
  "issue.commented",
  "issue.resolved",
  "issue.reopened",
  "annotations.saved",
] as const;

/** A project's outgoing webhooks: add one (its secret shown once), ping, pause, delete, read deliveries. */
export function WebhooksSection({ projectId }: { projectId: number }) {
  const { t } = useTranslation("teams");
  const [version, setVersion] = useState(0);
  const [created, setCreated] = useState<WebhookCreated | null>(null);
  const hooks = useQuery(
    (client) => settle(client.raw.GET("/api/projects/{project_id}/webhooks", { params: { path: { project_id: projectId } } })),
    [projectId, version],
  );
  const reload = () => setVersion((v) => v + 1);
  return (
    <section className="panel" aria-labelledby="teams-webhooks-title" data-testid="team-webhooks">
      <h2 id="teams-webhooks-title">{t("webhooks.title")}</h2>
      <WebhookCreateForm
        projectId={projectId}
        onCreated={(hook) => {
          setCreated(hook);
          reload();
        }}
      />
      {created && (
        <div className="notice" role="status" data-testid="webhook-created">
          <p>{t("webhooks.secretOnce")}</p>
          <p className="teams-secret" data-testid="webhook-secret">
            {created.secret}
          </p>
        </div>
      )}
      <ErrorBanner error={hooks.error} />
      {hooks.loading && !hooks.data && <Loading />}
      {hooks.data && hooks.data.length === 0 && <p className="empty">{t("webhooks.empty")}</p>}
      {hooks.data && (
        <ul className="teams-list">
          {hooks.data.map((hook) => (
            <WebhookItem key={hook.id} hook={hook} onChanged={reload} />
          ))}
        </ul>
      )}
    </section>
  );
}

function WebhookCreateForm({ projectId, onCreated }: { projectId: number; onCreated: (hook: WebhookCreated) => void }) {
  const { t } = useTranslation("teams");
  const api = useApi();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>([]);
  const create = useSubmit(() =>
    settle(
      api.raw.POST("/api/projects/{project_id}/webhooks", {
        params: { path: { project_id: projectId } },
        body: { url: url.trim(), events: events.length === 0 ? ["*"] : events },
      }),
    ),
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const hook = await create.submit();
    if (hook) {
      setUrl("");
      setEvents([]);
      onCreated(hook);
    }
  };
  return (
    <form className="form" onSubmit={onSubmit} aria-label={t("webhooks.add")} data-testid="webhook-form">
      <ErrorBanner error={create.error} />
      <label className="field">
        <span className="field__label">{t("webhooks.url")}</span>
        <input type="url" required value={url} onChange={(event) => setUrl(event.target.value)} data-testid="webhook-url" />
      </label>
      <fieldset className="field">
        <legend className="field__label">{t("webhooks.events")}</legend>
        {WEBHOOK_EVENTS.map((name) => (
          <label key={name} className="teams-check">
            <input
              type="checkbox"
              checked={events.includes(name)}
              onChange={(event) =>
                setEvents((current) => (event.target.checked ? [...current, name] : current.filter((e) => e !== name)))
              }
              data-testid="webhook-event"
              data-event={name}
            />{" "}
            <code>{name}</code>
          </label>
        ))}
        <p className="muted small">{t("webhooks.allEvents")}</p>
      </fieldset>
      <button type="submit" className="button button--primary" disabled={create.pending} data-testid="webhook-create">
        {t("webhooks.add")}
      </button>
    </form>
  );
}

function WebhookItem({ hook, onChanged }: { hook: WebhookPublic; onChanged: () => void }) {
  const { t, i18n } = useTranslation("teams");
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [version, setVersion] = useState(0);
  const path = { params: { path: { webhook_id: hook.id } } };
  const ping = useSubmit(async () => {
    await settle(api.raw.POST("/api/webhooks/{webhook_id}/ping", path));
    setOpen(true);
    setVersion((v) => v + 1);
  });
  const toggle = useSubmit(async () => {
    await settle(api.raw.PATCH("/api/webhooks/{webhook_id}", { ...path, body: { active: !hook.active } }));
    onChanged();
  });
  const remove = useSubmit(async () => {
    await settle(api.raw.DELETE("/api/webhooks/{webhook_id}", path));
    onChanged();
  });
  return (
    <li data-testid="webhook-row" data-webhook-id={hook.id} data-active={hook.active}>
      <code>{hook.url}</code>
      <span className="muted small">{hook.events.join(", ")}</span>
      {!hook.active && <span className="badge">{t("webhooks.paused")}</span>}
      <button type="button" className="button button--small" disabled={ping.pending} onClick={() => void ping.submit()} data-testid="webhook-ping">
        {t("webhooks.ping")}
      </button>
      <button type="button" className="button button--small" disabled={toggle.pending} onClick={() => void toggle.submit()} data-testid="webhook-toggle">
        {hook.active ? t("webhooks.pause") : t("webhooks.resume")}
      </button>
      <button
        type="button"
        className="button button--small"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="webhook-deliveries-toggle"
      >
        {t("webhooks.deliveries")}
      </button>
      <button
        type="button"
        className="button button--small button--danger"
        disabled={remove.pending}
        onClick={() => window.confirm(t("webhooks.confirmDelete", { url: hook.url })) && void remove.submit()}
        data-testid="webhook-delete"
      >
        {t("webhooks.delete")}
      </button>
      <ErrorBanner error={ping.error ?? toggle.error ?? remove.error} />
      {open && <Deliveries webhookId={hook.id} version={version} locale={i18n.language} />}
    </li>
  );
}

function Deliveries({ webhookId, version, locale }: { webhookId: number; version: number; locale: string }) {
  const { t } = useTranslation("teams");
  const list = useQuery(
    (client) => settle(client.raw.GET("/api/webhooks/{webhook_id}/deliveries", { params: { path: { webhook_id: webhookId } } })),
    [webhookId, version],
  );
  if (list.error) return <ErrorBanner error={list.error} />;
  if (!list.data) return <Loading />;
  if (list.data.length === 0) return <p className="empty">{t("webhooks.noDeliveries")}</p>;
  return (
    <table className="table" data-testid="webhook-deliveries">
      <thead>
        <tr>
          <th scope="col">{t("webhooks.event")}</th>
          <th scope="col">{t("webhooks.status")}</th>
          <th scope="col">{t("webhooks.attempts")}</th>
          <th scope="col">{t("webhooks.lastAttempt")}</th>
        </tr>
      </thead>
      <tbody>
        {list.data.map((delivery) => {
          const last = delivery.log[delivery.log.length - 1];
          return (
            <tr key={delivery.id} data-testid="webhook-delivery" data-status={delivery.status}>
              <td>
                <code>{delivery.event}</code>
              </td>
              <td>{delivery.status}</td>
              <td className="num">{delivery.attempts}</td>
              <td>
                {last
                  ? t("webhooks.attempt", {
                      at: formatDateTime(locale, last.at),
                      code: last.status_code ?? "—",
                      error: last.error ?? "",
                      ms: last.duration_ms,
                    })
                  : t("webhooks.notYet", { at: formatDateTime(locale, delivery.next_attempt_at) })}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
