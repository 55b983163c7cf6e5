import type { AnnotaClient } from "@annota/api-client";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "../../../api/useQuery";
import { formatDateTime } from "../../../format/format";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { Pagination } from "../../../ui/Pagination";
import { settle } from "../api/settle";
import type { Person } from "./people";

/** Whose log: a project's (its managers), or an organisation's (owners and managers). */
export type AuditScope = { kind: "project"; id: number } | { kind: "organization"; id: number };

interface AuditQuery {
  page: number;
  page_size: number;
  actor_id?: number;
  entity_type?: string;
}

function loadAudit(client: AnnotaClient, scope: AuditScope, query: AuditQuery) {
  return scope.kind === "project"
    ? settle(client.raw.GET("/api/projects/{project_id}/audit", { params: { path: { project_id: scope.id }, query } }))
    : settle(client.raw.GET("/api/organizations/{organization_id}/audit", { params: { path: { organization_id: scope.id }, query } }));
}

const PAGE_SIZE = 50;

/** `{"created": {"rectangle": 2}, "deleted": 1}` → `created: {"rectangle":2}, deleted: 1`. */
export function summaryText(summary: Record<string, unknown>): string {
  return Object.entries(summary)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ");
}

/** An audit log, newest first, filtered by person and kind of thing, a page at a time. */
export function AuditSection({ scope, people }: { scope: AuditScope; people: readonly Person[] }) {
  const { t, i18n } = useTranslation("teams");
  const [page, setPage] = useState(1);
  const [actor, setActor] = useState<number | null>(null);
  const [entity, setEntity] = useState("");
  const log = useQuery(
    (client) =>
      loadAudit(client, scope, {
        page,
        page_size: PAGE_SIZE,
        ...(actor !== null ? { actor_id: actor } : {}),
        ...(entity.trim() !== "" ? { entity_type: entity.trim() } : {}),
      }),
    [scope.kind, scope.id, page, actor, entity],
  );
  return (
    <section className="panel" aria-labelledby="teams-audit-title" data-testid="team-audit">
      <h2 id="teams-audit-title">{t("audit.title")}</h2>
      <div className="inline-form">
        <label className="field field--inline">
          <span className="field__label">{t("audit.person")}</span>
          <select
            value={actor ?? ""}
            onChange={(event) => {
              setActor(event.target.value === "" ? null : Number(event.target.value));
              setPage(1);
            }}
            data-testid="audit-person"
          >
            <option value="">{t("audit.everyone")}</option>
            {people.map((person) => (
              <option key={person.user_id} value={person.user_id}>
                {person.username}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span className="field__label">{t("audit.entity")}</span>
          <input
            value={entity}
            onChange={(event) => {
              setEntity(event.target.value);
              setPage(1);
            }}
            data-testid="audit-entity"
          />
        </label>
      </div>
      <ErrorBanner error={log.error} />
      {log.loading && !log.data && <Loading />}
      {log.data && log.data.items.length === 0 && <p className="empty">{t("audit.empty")}</p>}
      {log.data && log.data.items.length > 0 && (
        <table className="table" aria-busy={log.loading}>
          <thead>
            <tr>
              <th scope="col">{t("audit.at")}</th>
              <th scope="col">{t("audit.person")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("audit.what")}</th>
              <th scope="col">{t("audit.details")}</th>
            </tr>
          </thead>
          <tbody>
            {log.data.items.map((entry) => (
              <tr key={entry.id} data-testid="audit-row" data-action={entry.action} data-entity={entry.entity_type}>
                <td>{formatDateTime(i18n.language, entry.at)}</td>
                <td>{entry.actor_name}</td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td>
                  <code>
                    {entry.entity_type} {entry.entity_id}
                  </code>
                </td>
                <td className="small">{summaryText(entry.summary)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {log.data && <Pagination page={page} pageSize={PAGE_SIZE} count={log.data.count} onPage={setPage} />}
    </section>
  );
}
