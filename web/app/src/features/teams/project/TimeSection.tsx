import type { AnnotaClient } from "@annota/api-client";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "../../../api/useQuery";
import { formatInteger, formatNumber } from "../../../format/format";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { settle } from "../api/settle";
import type { TimeRow } from "../api/types";
import {
  hoursMinutes,
  TIME_GROUPS,
  type TimeGroup,
  type TimeQuery,
  type TimeScope,
  timeCsvPath,
  timeParams,
} from "./timeReport";

function loadReport(client: AnnotaClient, scope: TimeScope, query: TimeQuery) {
  if (scope.kind === "project") {
    const { group, ...rest } = timeParams(query);
    return settle(
      client.raw.GET("/api/projects/{project_id}/reports/time", {
        params: { path: { project_id: scope.id }, query: { ...rest, group: group === "project" ? "person" : group } },
      }),
    );
  }
  const { group, ...rest } = timeParams(query);
  return settle(
    client.raw.GET("/api/users/{user_id}/reports/time", {
      params: { path: { user_id: scope.id }, query: { ...rest, group: group === "person" ? "project" : group } },
    }),
  );
}

/** Active time and output per person (or project), job or day, with a CSV download of the same rows. */
export function TimeSection({ scope }: { scope: TimeScope }) {
  const { t, i18n } = useTranslation("teams");
  const groups = TIME_GROUPS[scope.kind];
  const [query, setQuery] = useState<TimeQuery>({ group: groups[0] ?? "job", since: "", until: "" });
  const report = useQuery((client) => loadReport(client, scope, query), [scope.kind, scope.id, query.group, query.since, query.until]);
  const who = (row: TimeRow): string => {
    if (query.group === "job") return t("work.job", { id: row.job_id ?? 0 });
    if (query.group === "day") return row.day ?? "";
    if (query.group === "project") return row.project_name ?? String(row.project_id ?? "");
    return row.username ?? t("common.user", { id: row.user_id ?? 0 });
  };
  const duration = (seconds: number) => t("time.duration", hoursMinutes(seconds));
  return (
    <section className="panel" aria-labelledby="teams-time-title" data-testid="team-time">
      <h2 id="teams-time-title">{t("time.title")}</h2>
      <div className="inline-form">
        <label className="field field--inline">
          <span className="field__label">{t("time.group")}</span>
          <select
            value={query.group}
            onChange={(event) => setQuery({ ...query, group: event.target.value as TimeGroup })}
            data-testid="time-group"
          >
            {groups.map((group) => (
              <option key={group} value={group}>
                {t(`time.groups.${group}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span className="field__label">{t("time.since")}</span>
          <input type="date" value={query.since} onChange={(event) => setQuery({ ...query, since: event.target.value })} data-testid="time-since" />
        </label>
        <label className="field field--inline">
          <span className="field__label">{t("time.until")}</span>
          <input type="date" value={query.until} onChange={(event) => setQuery({ ...query, until: event.target.value })} data-testid="time-until" />
        </label>
        <a className="button" href={timeCsvPath(scope, query)} download data-testid="time-csv">
          {t("time.csv")}
        </a>
      </div>
      <ErrorBanner error={report.error} />
      {report.loading && !report.data && <Loading />}
      {report.data && report.data.rows.length === 0 && <p className="empty">{t("time.empty")}</p>}
      {report.data && report.data.rows.length > 0 && (
        <table className="table" aria-busy={report.loading}>
          <thead>
            <tr>
              <th scope="col">{t(`time.groups.${query.group}`)}</th>
              <th scope="col">{t("time.active")}</th>
              <th scope="col">{t("time.created")}</th>
              <th scope="col">{t("time.edited")}</th>
              <th scope="col">{t("time.jobs")}</th>
              <th scope="col">{t("time.perHour")}</th>
            </tr>
          </thead>
          <tbody>
            {report.data.rows.map((row, index) => (
              <tr key={index} data-testid="time-row">
                <td>{who(row)}</td>
                <td className="num">{duration(row.active_seconds)}</td>
                <td className="num">{formatInteger(i18n.language, row.objects_created)}</td>
                <td className="num">{formatInteger(i18n.language, row.objects_edited)}</td>
                <td className="num">{row.jobs}</td>
                <td className="num">{row.objects_per_hour === null ? "—" : formatNumber(i18n.language, row.objects_per_hour, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
