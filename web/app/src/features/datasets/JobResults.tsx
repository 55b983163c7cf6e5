import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { formatBytes, formatInteger } from "../../format/format";
import { enumLabel } from "../../i18n/enumLabel";
import { exportSummary, importSummary, type Located, mediaCount, objectCount, problemsOf } from "./jobResult";
import type { BackgroundJob } from "./transfer";

/** Every located problem of a failed job, in a list that scrolls when long. */
export function ProblemList({ job }: { job: BackgroundJob }) {
  const { t, i18n } = useTranslation("datasets");
  const problems = problemsOf(job);
  const titleId = useId();
  return (
    <section className="datasets-problems" aria-labelledby={titleId} data-testid="transfer-problems">
      <h3 id={titleId}>{t("problems.title", { n: formatInteger(i18n.language, problems.length) })}</h3>
      {job.kind === "import" && <p className="muted small">{t("problems.nothingImported")}</p>}
      <LocatedList items={problems} labelledBy={titleId} testId="transfer-problem" />
    </section>
  );
}

/** Focusable, so that the keyboard can scroll a long list. */
function LocatedList({ items, labelledBy, testId }: { items: Located[]; labelledBy: string; testId: string }) {
  const { t, i18n } = useTranslation();
  const { t: tDatasets } = useTranslation("datasets");
  return (
    <ul className="datasets-located" tabIndex={0} aria-labelledby={labelledBy}>
      {items.map((item, index) => (
        <li key={index} data-testid={testId}>
          {item.where !== "" && <code>{item.where}</code>}
          {item.where !== "" && t("common.colonSeparator")}
          {item.msg}
          {item.count > 1 && <span className="muted"> {tDatasets("summary.times", { n: formatInteger(i18n.language, item.count) })}</span>}
        </li>
      ))}
    </ul>
  );
}

function Warnings({ items }: { items: Located[] }) {
  const { t, i18n } = useTranslation("datasets");
  const titleId = useId();
  if (items.length === 0) return null;
  return (
    <section className="datasets-warnings" aria-labelledby={titleId} data-testid="transfer-warnings">
      <h3 id={titleId}>{t("summary.warnings", { n: formatInteger(i18n.language, items.length) })}</h3>
      <LocatedList items={items} labelledBy={titleId} testId="transfer-warning" />
    </section>
  );
}

/** What a succeeded import brought in: format, images, objects, labels created, its tasks, warnings. */
export function ImportResult({ job }: { job: BackgroundJob }) {
  const { t, i18n } = useTranslation("datasets");
  const { t: tShell } = useTranslation();
  const summary = importSummary(job);
  if (!summary) return null;
  const num = (value: number) => formatInteger(i18n.language, value);
  const tracks = summary.counts.tracks ?? 0;
  return (
    <div className="datasets-summary" data-testid="import-summary">
      <ul>
        <li>
          {summary.confidence === null
            ? t("summary.format", { format: summary.format })
            : t("summary.detected", { format: summary.format, percent: num(Math.round(100 * summary.confidence)) })}
        </li>
        <li data-testid="import-media">{t("summary.media", { n: num(mediaCount(summary)) })}</li>
        <li data-testid="import-objects">{t("summary.objects", { n: num(objectCount(summary.counts)) })}</li>
        {tracks > 0 && <li>{t("summary.tracks", { n: num(tracks) })}</li>}
        <li data-testid="import-labels">
          {summary.labelsCreated.length > 0
            ? t("summary.labelsCreated", { labels: summary.labelsCreated.join(tShell("common.listSeparator")) })
            : t("summary.noLabelsCreated")}
        </li>
      </ul>
      <h3>{t("summary.tasks")}</h3>
      <ul>
        {summary.tasks.map((task) => (
          <li key={task.id} data-testid="import-task-result">
            <Link to={`/tasks/${task.id}`}>{task.name}</Link>{" "}
            {t("summary.taskMedia", { added: num(task.newMedia), matched: num(task.matchedMedia) })}
          </li>
        ))}
      </ul>
      <Warnings items={summary.warnings} />
    </div>
  );
}

/** What a succeeded export wrote, what it left out, and the link to its zip. */
export function ExportResult({ job }: { job: BackgroundJob }) {
  const { t, i18n } = useTranslation("datasets");
  const { t: tShell } = useTranslation();
  const summary = exportSummary(job);
  if (!summary || !job.download_url) return null;
  const num = (value: number) => formatInteger(i18n.language, value);
  const dropped = Object.entries(summary.dropped)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${enumLabel(tShell, "labelKind", kind)} (${num(count)})`);
  return (
    <div className="datasets-summary" data-testid="export-summary">
      <ul>
        <li>{t("summary.format", { format: summary.format })}</li>
        <li>{t("summary.items", { n: num(summary.items) })}</li>
        <li>{t("summary.objects", { n: num(objectCount(summary.counts)) })}</li>
        {dropped.length > 0 && <li>{t("summary.dropped", { list: dropped.join(tShell("common.listSeparator")) })}</li>}
      </ul>
      <p>
        <a className="button button--primary" href={job.download_url} download={summary.fileName} data-testid="export-download">
          {t("summary.download", { file: summary.fileName })}
        </a>{" "}
        <span className="muted small">{formatBytes(tShell, i18n.language, summary.sizeBytes)}</span>
      </p>
      <Warnings items={summary.warnings} />
    </div>
  );
}
