import { useTranslation } from "react-i18next";
import { CSV_LEVELS, qualityCsvUrl } from "../controlApi";

/** The server's CSV exports of the project's quality, under the project's stored rules (managers). */
export function ExportLinks({ projectId }: { projectId: number }) {
  const { t } = useTranslation("quality");
  return (
    <nav className="quality-exports small" aria-label={t("export.title")} data-testid="quality-exports">
      <span className="muted">{t("export.title")}</span>
      {CSV_LEVELS.map((by) => (
        <a key={by} href={qualityCsvUrl(projectId, by)} download data-testid={`quality-export-${by}`}>
          {t(`export.${by}`)}
        </a>
      ))}
    </nav>
  );
}
