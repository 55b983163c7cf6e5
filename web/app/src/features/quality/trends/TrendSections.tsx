import { useTranslation } from "react-i18next";
import { formatInteger, formatNumber } from "../../../format/format";
import { BarChart } from "../charts/BarChart";
import { LineChart } from "../charts/LineChart";
import { allPeriods, valuesOn } from "../charts/lineLayout";
import { RateChart } from "../charts/RateChart";
import { countTicks, RATE_TICKS } from "../charts/scale";
import { formatRate } from "../rates";
import type { AccuracyTrend, AgreementHistogram, ReworkReport, ThroughputTrend } from "./trendsApi";

/** `2026-11-23` as the reader's locale writes a short date. */
export function usePeriodFormat(): (period: string) => string {
  const { i18n } = useTranslation("quality");
  const format = new Intl.DateTimeFormat(i18n.language, { day: "numeric", month: "short", timeZone: "UTC" });
  return (period) => {
    const date = new Date(`${period}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? period : format.format(date);
  };
}

/** Each annotator's accuracy period by period: lines, and the table of the same figures. */
export function AccuracySection({ trend }: { trend: AccuracyTrend }) {
  const { t, i18n } = useTranslation("quality");
  const locale = i18n.language;
  const period = usePeriodFormat();
  const periods = allPeriods(trend.annotators);
  const series = trend.annotators.map((a) => ({
    key: String(a.user_id),
    name: a.username,
    values: valuesOn(a.points, periods, (p) => p.accuracy),
  }));
  return (
    <section className="panel quality-section" aria-labelledby="quality-trend-accuracy">
      <h2 id="quality-trend-accuracy">{t("trends.accuracy")}</h2>
      {periods.length === 0 ? (
        <p className="empty">{t("trends.none")}</p>
      ) : (
        <div className="quality-figure">
          <LineChart
            title={t("trends.accuracyChart")}
            series={series}
            periods={periods}
            formatPeriod={period}
            yTicks={RATE_TICKS}
            formatTick={(v) => new Intl.NumberFormat(locale, { style: "percent" }).format(v)}
            testId="quality-trend-accuracy-chart"
          />
          <div className="quality-table">
            <table className="table" data-testid="quality-trend-accuracy">
              <caption className="visually-hidden">{t("trends.accuracy")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("columns.annotator")}</th>
                  {periods.map((p) => (
                    <th key={p} scope="col" className="num">
                      {period(p)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {series.map((s) => (
                  <tr key={s.key}>
                    <th scope="row">{s.name}</th>
                    {s.values.map((v, i) => (
                      <td key={periods[i]} className="num">
                        {formatRate(locale, v)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

/** The project's objects per active hour, period by period. */
export function ThroughputSection({ trend }: { trend: ThroughputTrend }) {
  const { t, i18n } = useTranslation("quality");
  const locale = i18n.language;
  const period = usePeriodFormat();
  const max = Math.max(0, ...trend.project.map((p) => p.objects_per_hour ?? 0));
  return (
    <section className="panel quality-section" aria-labelledby="quality-trend-throughput">
      <h2 id="quality-trend-throughput">{t("trends.throughput")}</h2>
      {trend.project.length === 0 ? (
        <p className="empty">{t("trends.none")}</p>
      ) : (
        <div className="quality-figure">
          <BarChart
            title={t("trends.throughputChart")}
            bars={trend.project.map((p) => ({ key: p.period, name: period(p.period), value: p.objects_per_hour }))}
            ticks={countTicks(max)}
            formatTick={(v) => formatInteger(locale, v)}
            formatValue={(v) => (v === null ? "" : formatNumber(locale, v, 1))}
            testId="quality-trend-throughput-chart"
          />
          <div className="quality-table quality-table--narrow">
            <table className="table" data-testid="quality-trend-throughput">
              <thead>
                <tr>
                  <th scope="col">{t("trends.period")}</th>
                  <th scope="col" className="num">{t("trends.activeHours")}</th>
                  <th scope="col" className="num">{t("trends.created")}</th>
                  <th scope="col" className="num">{t("trends.edited")}</th>
                  <th scope="col" className="num">{t("trends.perHour")}</th>
                </tr>
              </thead>
              <tbody>
                {trend.project.map((p) => (
                  <tr key={p.period}>
                    <th scope="row">{period(p.period)}</th>
                    <td className="num">{formatNumber(locale, p.active_seconds / 3600, 1)}</td>
                    <td className="num">{formatInteger(locale, p.objects_created)}</td>
                    <td className="num">{formatInteger(locale, p.objects_edited)}</td>
                    <td className="num">{p.objects_per_hour === null ? "—" : formatNumber(locale, p.objects_per_hour, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

/** Each annotator's rework rate: the share of their submitted jobs rejected at least once. */
export function ReworkSection({ report }: { report: ReworkReport }) {
  const { t, i18n } = useTranslation("quality");
  const locale = i18n.language;
  return (
    <section className="panel quality-section" aria-labelledby="quality-trend-rework">
      <h2 id="quality-trend-rework">{t("trends.rework", { rate: formatRate(locale, report.project.rework_rate) })}</h2>
      {report.annotators.length === 0 ? (
        <p className="empty">{t("trends.none")}</p>
      ) : (
        <div className="quality-figure">
          <RateChart title={t("trends.reworkChart")} bars={report.annotators.map((a) => ({ key: String(a.user_id), name: a.username, value: a.rework_rate }))} testId="quality-trend-rework-chart" />
          <div className="quality-table quality-table--narrow">
            <table className="table" data-testid="quality-trend-rework">
              <thead>
                <tr>
                  <th scope="col">{t("columns.annotator")}</th>
                  <th scope="col" className="num">{t("trends.submitted")}</th>
                  <th scope="col" className="num">{t("trends.reworked")}</th>
                  <th scope="col" className="num">{t("trends.reworkRate")}</th>
                  <th scope="col" className="num">{t("trends.meanRounds")}</th>
                </tr>
              </thead>
              <tbody>
                {report.annotators.map((a) => (
                  <tr key={String(a.user_id)}>
                    <th scope="row">{a.username}</th>
                    <td className="num">{formatInteger(locale, a.jobs)}</td>
                    <td className="num">{formatInteger(locale, a.reworked_jobs)}</td>
                    <td className="num">{formatRate(locale, a.rework_rate)}</td>
                    <td className="num">{a.mean_rounds === null ? "—" : formatNumber(locale, a.mean_rounds, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

/** How the frames of merged consensus jobs spread by agreement. */
export function AgreementSection({ histogram }: { histogram: AgreementHistogram }) {
  const { t, i18n } = useTranslation("quality");
  const locale = i18n.language;
  const percent = (v: number) => new Intl.NumberFormat(locale, { style: "percent" }).format(v);
  return (
    <section className="panel quality-section" aria-labelledby="quality-trend-agreement">
      <h2 id="quality-trend-agreement">{t("trends.agreement", { jobs: histogram.jobs, frames: histogram.frames, mean: formatRate(locale, histogram.mean_agreement) })}</h2>
      {histogram.frames === 0 ? (
        <p className="empty">{t("trends.none")}</p>
      ) : (
        <BarChart
          title={t("consensus.histogram")}
          bars={histogram.bins.map((b) => ({ key: String(b.low), name: t("consensus.bin", { from: percent(b.low), to: percent(b.high) }), value: b.frames }))}
          ticks={countTicks(Math.max(0, ...histogram.bins.map((b) => b.frames)))}
          formatTick={(v) => formatInteger(locale, v)}
          formatValue={(v) => (v === null ? "" : formatInteger(locale, v))}
          testId="quality-trend-agreement-chart"
        />
      )}
    </section>
  );
}
