import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReportThresholds } from "./api";

interface ThresholdsFormProps {
  value: ReportThresholds;
  onApply: (thresholds: ReportThresholds) => void;
}

/** The similarity a pair needs (IoU threshold) and the one below which a pair is a low-overlap warning. */
export function ThresholdsForm({ value, onApply }: ThresholdsFormProps) {
  const { t } = useTranslation("quality");
  const [iou, setIou] = useState(String(value.iou_threshold));
  const [low, setLow] = useState(String(value.low_overlap_threshold));
  useEffect(() => {
    setIou(String(value.iou_threshold));
    setLow(String(value.low_overlap_threshold));
  }, [value.iou_threshold, value.low_overlap_threshold]);
  return (
    <form
      className="inline-form quality-thresholds"
      aria-label={t("thresholds.title")}
      onSubmit={(event) => {
        event.preventDefault();
        onApply({ iou_threshold: Number(iou), low_overlap_threshold: Number(low) });
      }}
    >
      <label className="field field--inline">
        <span className="field__label">{t("thresholds.iou")}</span>
        <input type="number" min={0.05} max={1} step="any" value={iou} onChange={(e) => setIou(e.target.value)} required data-testid="quality-iou" />
      </label>
      <label className="field field--inline">
        <span className="field__label">{t("thresholds.lowOverlap")}</span>
        <input type="number" min={0.05} max={1} step="any" value={low} onChange={(e) => setLow(e.target.value)} required data-testid="quality-low-overlap" />
      </label>
      <button type="submit" className="button">
        {t("thresholds.apply")}
      </button>
    </form>
  );
}
