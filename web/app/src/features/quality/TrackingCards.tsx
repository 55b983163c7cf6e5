import { useTranslation } from "react-i18next";
import { formatInteger } from "../../format/format";
import type { TrackingMetrics } from "./api";
import { formatRate } from "./rates";

/** MOTA, IDF1 and identity switches of the tracks (shown only when there are tracks). */
export function TrackingCards({ tracking }: { tracking: TrackingMetrics }) {
  const { t, i18n } = useTranslation("quality");
  const locale = i18n.language;
  return (
    <section className="panel quality-section" aria-labelledby="quality-tracking">
      <h2 id="quality-tracking">{t("sections.tracking")}</h2>
      <dl className="quality-cards" data-testid="quality-tracking">
        <div className="card quality-card">
          <dt>{t("tracking.mota")}</dt>
          <dd>{formatRate(locale, tracking.mota)}</dd>
        </div>
        <div className="card quality-card">
          <dt>{t("tracking.idf1")}</dt>
          <dd>{formatRate(locale, tracking.idf1)}</dd>
        </div>
        <div className="card quality-card">
          <dt>{t("tracking.idSwitches")}</dt>
          <dd>{formatInteger(locale, tracking.id_switches)}</dd>
        </div>
      </dl>
    </section>
  );
}
