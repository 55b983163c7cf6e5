import { useTranslation } from "react-i18next";
import { formatInteger } from "../../format/format";
import type { QualityMetrics } from "./api";
import { BarChart } from "./charts/BarChart";
import { countTicks } from "./charts/scale";
import { CsvLink } from "./CsvLink";
import { conflictCounts, isConflictType } from "./rates";

/** Conflicts by type: a bar chart and the table of the same counts. */
export function ConflictTypes({ metrics, csvFile }: { metrics: QualityMetrics; csvFile: string }) {
  const { t, i18n } = useTranslation("quality");
  const locale = i18n.language;
  const counts = conflictCounts(metrics);
  const name = (type: string) => (isConflictType(type) ? t(`conflictTypes.${type}`) : type);
  const max = Math.max(0, ...counts.map((c) => c.count));
  return (
    <section className="panel quality-section" aria-labelledby="quality-conflict-types">
      <h2 id="quality-conflict-types">{t("sections.conflictTypes")}</h2>
      <div className="quality-figure">
        <BarChart
          title={t("charts.conflictTypes")}
          bars={counts.map((c) => ({ key: c.type, name: name(c.type), value: c.count }))}
          ticks={countTicks(max)}
          formatTick={(v) => formatInteger(locale, v)}
          formatValue={(v) => (v === null ? "" : formatInteger(locale, v))}
          testId="quality-conflict-chart"
        />
        <div className="quality-table quality-table--narrow">
          <table className="table" data-testid="quality-conflict-types">
            <caption className="visually-hidden">{t("sections.conflictTypes")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.conflictType")}</th>
                <th scope="col" className="num">
                  {t("columns.count")}
                </th>
              </tr>
            </thead>
            <tbody>
              {counts.map((c) => (
                <tr key={c.type}>
                  <th scope="row">{name(c.type)}</th>
                  <td className="num">{formatInteger(locale, c.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <CsvLink fileName={csvFile} header={["conflict_type", "count"]} rows={() => counts.map((c) => [c.type, c.count])} />
        </div>
      </div>
    </section>
  );
}
