import { useTranslation } from "react-i18next";
import { formatRate } from "../rates";
import type { BarInput } from "./barLayout";
import { BarChart } from "./BarChart";
import { RATE_TICKS } from "./scale";

/** Bars of a rate (0 to 100 %), one per item: F1 per label, per job, per annotator. */
export function RateChart({ title, bars, testId }: { title: string; bars: readonly BarInput[]; testId?: string }) {
  const { i18n } = useTranslation("quality");
  const locale = i18n.language;
  return (
    <BarChart
      title={title}
      bars={bars}
      ticks={RATE_TICKS}
      formatTick={(v) => new Intl.NumberFormat(locale, { style: "percent" }).format(v)}
      formatValue={(v) => formatRate(locale, v)}
      {...(testId !== undefined ? { testId } : {})}
    />
  );
}
