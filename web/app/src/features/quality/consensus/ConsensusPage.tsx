import type { AnnotaClient } from "@annota/api-client";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { useApi } from "../../../api/ApiContext";
import { useQuery } from "../../../api/useQuery";
import { useSubmit } from "../../../api/useSubmit";
import { formatDateTime, formatInteger } from "../../../format/format";
import { idParam } from "../../../pages/listParams";
import { NotFoundPage } from "../../../pages/NotFoundPage";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { settle } from "../api";
import { BarChart } from "../charts/BarChart";
import { countTicks } from "../charts/scale";
import { type Consensus, consensus, mergeConsensus } from "../controlApi";
import { type People, personName, usePeople } from "../people";
import { formatRate } from "../rates";
import { agreementHistogram } from "./agreement";
import { ReplicateForm } from "./ReplicateForm";

export function ConsensusPage() {
  const jobId = idParam(useParams().jobId);
  return jobId === null ? <NotFoundPage /> : <ConsensusView jobId={jobId} />;
}

/** A job labelled by k annotators independently: its replicas, the merge into the job, and the agreement of
 * each frame (low ones flagged for review). */
function ConsensusView({ jobId }: { jobId: number }) {
  const { t } = useTranslation("quality");
  const api = useApi();
  const [answer, setAnswer] = useState<Consensus | null>(null);
  const status = useQuery((a) => consensus(a, jobId), [jobId]);
  const projectId = useQuery((a) => projectOfJob(a, jobId), [jobId]).data;
  const people = usePeople(projectId ?? null);
  const merge = useSubmit(async () => setAnswer(await mergeConsensus(api, jobId)));
  const data = answer ?? status.data;
  return (
    <section className="page quality-page" data-testid="quality-consensus">
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to="/projects">{t("nav.projects")}</Link>
        {projectId !== undefined && (
          <>
            <span aria-hidden="true">›</span>
            <Link to={`/projects/${projectId}/quality`}>{t("dashboard.title")}</Link>
          </>
        )}
      </nav>
      <h1>{t("consensus.title", { id: jobId })}</h1>
      <ErrorBanner error={status.error ?? merge.error} />
      {!data ? (
        !status.error && <Loading />
      ) : data.replicas.length === 0 ? (
        <ReplicateForm jobId={jobId} projectId={projectId ?? null} onMade={setAnswer} />
      ) : (
        <>
          <Replicas data={data} people={people} />
          <button type="button" className="button button--primary" onClick={() => void merge.submit()} disabled={merge.pending} data-testid="quality-consensus-merge">
            {data.merge ? t("consensus.mergeAgain") : t("consensus.merge")}
          </button>
          {data.merge && <Agreement data={data} />}
        </>
      )}
    </section>
  );
}

/** The project of job `jobId` (through its task), for the breadcrumb and the list of members. */
async function projectOfJob(api: AnnotaClient, jobId: number): Promise<number> {
  const job = await settle(api.raw.GET("/api/jobs/{job_id}", { params: { path: { job_id: jobId } } }));
  return (await api.getTask(job.task_id)).project_id;
}

function Replicas({ data, people }: { data: Consensus; people: People }) {
  const { t, i18n } = useTranslation("quality");
  const locale = i18n.language;
  return (
    <section className="panel quality-section">
      <h2>{t("consensus.replicas", { count: data.replicas.length })}</h2>
      <ul className="quality-list" data-testid="quality-consensus-replicas">
        {data.replicas.map((r) => (
          <li key={r.job_id}>
            <Link to={`/jobs/${r.job_id}`}>{t("jobs.name", { id: r.job_id })}</Link> <span className="muted">{personName(t, people, r.assignee_id)}</span>{" "}
            <span className="badge">{r.state}</span>
          </li>
        ))}
      </ul>
      {data.merge && (
        <p className="muted" data-testid="quality-consensus-merged">
          {t("consensus.merged", {
            when: formatDateTime(locale, data.merge.merged_at),
            objects: formatInteger(locale, data.merge.objects),
            agreement: formatRate(locale, data.merge.mean_agreement),
          })}
        </p>
      )}
    </section>
  );
}

/** The agreement of the merged frames: their spread as a histogram, and the frames flagged for review. */
function Agreement({ data }: { data: Consensus }) {
  const { t, i18n } = useTranslation("quality");
  const locale = i18n.language;
  const bins = agreementHistogram(data.frames.map((f) => f.agreement));
  const flagged = data.frames.filter((f) => f.flagged).sort((a, b) => a.agreement - b.agreement);
  const percent = (v: number) => new Intl.NumberFormat(locale, { style: "percent" }).format(v);
  return (
    <section className="panel quality-section">
      <h2>{t("consensus.agreement")}</h2>
      <div className="quality-figure">
        <BarChart
          title={t("consensus.histogram")}
          bars={bins.map((b) => ({ key: String(b.from), name: t("consensus.bin", { from: percent(b.from), to: percent(b.to) }), value: b.frames }))}
          ticks={countTicks(Math.max(0, ...bins.map((b) => b.frames)))}
          formatTick={(v) => formatInteger(locale, v)}
          formatValue={(v) => (v === null ? "" : formatInteger(locale, v))}
          testId="quality-consensus-histogram"
        />
        <div>
          <h3>{t("consensus.lowFrames")}</h3>
          {flagged.length === 0 ? (
            <p className="empty">{t("empty.reviewFrames")}</p>
          ) : (
            <ul className="quality-list" data-testid="quality-consensus-low">
              {flagged.map((f) => (
                <li key={f.frame}>
                  <Link to={f.link} data-testid="quality-consensus-frame-link">
                    {t("conflicts.frame", { frame: formatInteger(locale, f.frame) })}
                  </Link>{" "}
                  <span className="muted">{t("review.agreement", { value: formatRate(locale, f.agreement), objects: f.objects })}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
