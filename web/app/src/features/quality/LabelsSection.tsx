import { useTranslation } from "react-i18next";
import type { LabelQuality } from "./api";
import { RateChart } from "./charts/RateChart";
import { labelName, labelNames } from "./figures";
import { MetricTable } from "./MetricTable";

/** Quality per label: F1 as bars, every figure in the table beside. */
export function LabelsSection({ labels, csvFile }: { labels: readonly LabelQuality[]; csvFile: string }) {
  const { t } = useTranslation("quality");
  const names = labelNames(labels);
  return (
    <section className="panel quality-section" aria-labelledby="quality-labels">
      <h2 id="quality-labels">{t("sections.labels")}</h2>
      {labels.length === 0 ? (
        <p className="empty">{t("empty.labels")}</p>
      ) : (
        <div className="quality-figure">
          <RateChart title={t("charts.f1ByLabel")} bars={labels.map((l) => ({ key: String(l.label_id), name: labelName(names, l.label_id), value: l.f1 }))} testId="quality-label-chart" />
          <MetricTable
            caption={t("sections.labels")}
            nameHeader={t("columns.label")}
            csvNames={["label_id", "label"]}
            csvFile={csvFile}
            rows={labels.map((l) => ({ key: String(l.label_id), name: labelName(names, l.label_id), csvName: [l.label_id, l.name], metrics: l }))}
            testId="quality-labels"
          />
        </div>
      )}
    </section>
  );
}
