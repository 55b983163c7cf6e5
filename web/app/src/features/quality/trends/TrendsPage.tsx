import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router-dom";
import { useQuery } from "../../../api/useQuery";
import { idParam } from "../../../pages/listParams";
import { NotFoundPage } from "../../../pages/NotFoundPage";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { QualityNav } from "../QualityNav";
import { AccuracySection, AgreementSection, ReworkSection, ThroughputSection } from "./TrendSections";
import { accuracyTrend, agreementHistogram, type Bucket, BUCKETS, reworkReport, throughputTrend, TREND_FIGURES, trendsCsvUrl } from "./trendsApi";

export function TrendsPage() {
  const projectId = idParam(useParams().projectId);
  return projectId === null ? <NotFoundPage /> : <Trends projectId={projectId} />;
}

/** The project's quality over time: accuracy per annotator, throughput, rework and consensus agreement. */
function Trends({ projectId }: { projectId: number }) {
  const { t } = useTranslation("quality");
  const [params, setParams] = useSearchParams();
  const bucket: Bucket = params.get("bucket") === "day" ? "day" : "week";
  const project = useQuery((api) => api.getProject(projectId), [projectId]);
  const accuracy = useQuery((api) => accuracyTrend(api, projectId, bucket), [projectId, bucket]);
  const throughput = useQuery((api) => throughputTrend(api, projectId, bucket), [projectId, bucket]);
  const rework = useQuery((api) => reworkReport(api, projectId), [projectId]);
  const agreement = useQuery((api) => agreementHistogram(api, projectId), [projectId]);
  const error = accuracy.error ?? throughput.error ?? rework.error ?? agreement.error;
  return (
    <section className="page quality-page" data-testid="quality-trends">
      <QualityNav projectId={projectId} projectName={project.data?.name} manager />
      <div className="page__head">
        <h1>{t("trends.title")}</h1>
        <label className="field field--inline">
          <span className="field__label">{t("trends.bucket")}</span>
          <select value={bucket} onChange={(e) => setParams({ bucket: e.target.value })} data-testid="quality-trend-bucket">
            {BUCKETS.map((b) => (
              <option key={b} value={b}>
                {t(`trends.buckets.${b}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <nav className="quality-exports small" aria-label={t("export.title")}>
        <span className="muted">{t("export.title")}</span>
        {TREND_FIGURES.map((figure) => (
          <a key={figure} href={trendsCsvUrl(projectId, figure, bucket)} download data-testid={`quality-trend-export-${figure}`}>
            {t(`trends.figures.${figure}`)}
          </a>
        ))}
      </nav>
      <ErrorBanner error={error} />
      {accuracy.data ? <AccuracySection trend={accuracy.data} /> : !error && <Loading />}
      {throughput.data && <ThroughputSection trend={throughput.data} />}
      {rework.data && <ReworkSection report={rework.data} />}
      {agreement.data && <AgreementSection histogram={agreement.data} />}
    </section>
  );
}
