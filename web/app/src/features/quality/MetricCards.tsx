import { useTranslation } from "react-i18next";
import { formatInteger } from "../../format/format";
import type { QualityMetrics } from "./api";
import { formatRate, formatSimilarity, HEADLINE_RATES } from "./rates";

/** The headline figures of a report: precision, recall, F1 and mean IoU, then the object counts. */
export function MetricCards({ metrics }: { metrics: QualityMetrics }) {
  const { t, i18n } = useTranslation("quality");
  const locale = i18n.language;
  return (
    <dl className="quality-cards" data-testid="quality-headline">
      {HEADLINE_RATES.map((rate) => (
        <div key={rate} className="card quality-card" data-testid={`quality-${rate}`}>
          <dt>{t(`metrics.${rate}`)}</dt>
          <dd>{rate === "mean_iou" ? formatSimilarity(locale, metrics[rate]) : formatRate(locale, metrics[rate])}</dd>
        </div>
      ))}
      <div className="card quality-card">
        <dt>{t("metrics.objects")}</dt>
        <dd className="quality-card__counts">
          {t("metrics.objectCounts", {
            reference: formatInteger(locale, metrics.reference),
            annotated: formatInteger(locale, metrics.annotated),
            matched: formatInteger(locale, metrics.matched),
          })}
        </dd>
      </div>
    </dl>
  );
}
