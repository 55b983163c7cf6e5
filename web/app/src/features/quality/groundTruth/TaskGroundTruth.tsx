import type { TaskPublic } from "@annota/api-client";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useApi } from "../../../api/ApiContext";
import { useQuery } from "../../../api/useQuery";
import { useSubmit } from "../../../api/useSubmit";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { createGroundTruth, type GroundTruth, groundTruths } from "../controlApi";
import { EMPTY_DRAFT, type GroundTruthDraft, type GroundTruthProblem, readGroundTruth, SAMPLE_MODES } from "./groundTruthForm";

/** A task's ground-truth jobs (their frames) and the form that marks more frames as ground truth. */
export function TaskGroundTruth({ task }: { task: TaskPublic }) {
  const { t } = useTranslation("quality");
  const [version, setVersion] = useState(0);
  const made = useQuery((api) => groundTruths(api, task.id), [task.id, version]);
  return (
    <section className="panel quality-section" aria-labelledby={`gt-${task.id}`} data-testid="quality-gt-task" data-task={task.id}>
      <h2 id={`gt-${task.id}`}>
        <Link to={`/tasks/${task.id}`}>{task.name}</Link>{" "}
        <span className="muted small">{t("groundTruth.frames", { count: task.media_count })}</span>
      </h2>
      <ErrorBanner error={made.error} />
      {made.data && made.data.length === 0 && <p className="empty">{t("groundTruth.none")}</p>}
      {made.data && made.data.length > 0 && (
        <ul className="quality-list" data-testid="quality-gt-jobs">
          {made.data.map((gt) => (
            <GroundTruthItem key={gt.job_id} groundTruth={gt} />
          ))}
        </ul>
      )}
      <GroundTruthForm taskId={task.id} onMade={() => setVersion((v) => v + 1)} />
    </section>
  );
}

function GroundTruthItem({ groundTruth: gt }: { groundTruth: GroundTruth }) {
  const { t } = useTranslation("quality");
  return (
    <li data-testid="quality-gt-job">
      <Link to={`/jobs/${gt.job_id}`}>{t("jobs.name", { id: gt.job_id })}</Link>{" "}
      <span className="muted">
        {t(gt.per_job ? "groundTruth.honeypots" : "groundTruth.marked", { frames: gt.frames.join(", ") })}
      </span>
    </li>
  );
}

function GroundTruthForm({ taskId, onMade }: { taskId: number; onMade: () => void }) {
  const { t } = useTranslation("quality");
  const api = useApi();
  const [draft, setDraft] = useState<GroundTruthDraft>(EMPTY_DRAFT);
  const [problem, setProblem] = useState<GroundTruthProblem | null>(null);
  const make = useSubmit(async () => {
    const read = readGroundTruth(draft);
    setProblem(read.ok ? null : read.problem);
    if (!read.ok) return;
    await createGroundTruth(api, taskId, read.body);
    onMade();
  });
  const set = (change: Partial<GroundTruthDraft>) => setDraft((d) => ({ ...d, ...change }));
  const input = (field: GroundTruthProblem, value: string, onChange: (v: string) => void) => (
    <input
      type={field === "frames" ? "text" : "number"}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-label={t(`groundTruth.fields.${field}`)}
      aria-invalid={problem === field}
      data-testid={`quality-gt-${field}`}
    />
  );
  return (
    <form
      className="quality-gt-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void make.submit();
      }}
    >
      <ErrorBanner error={make.error} />
      <fieldset>
        <legend>{t("groundTruth.add")}</legend>
        {SAMPLE_MODES.map((mode) => (
          <label key={mode} className="field field--inline">
            <input type="radio" name={`gt-mode-${taskId}`} checked={draft.mode === mode} onChange={() => set({ mode })} data-testid={`quality-gt-mode-${mode}`} />
            <span>{t(`groundTruth.modes.${mode}`)}</span>
            {mode === "frames" && input("frames", draft.frames, (frames) => set({ frames, mode }))}
            {mode === "count" && input("count", draft.count, (count) => set({ count, mode }))}
            {mode === "fraction" && input("percent", draft.percent, (percent) => set({ percent, mode }))}
          </label>
        ))}
        <label className="field field--inline">
          <input type="checkbox" checked={draft.perJob} disabled={draft.mode === "frames"} onChange={(e) => set({ perJob: e.target.checked })} data-testid="quality-gt-per-job" />
          <span>{t("groundTruth.perJob")}</span>
        </label>
        {problem !== null && (
          <p className="field__error" role="alert" data-testid="quality-gt-problem">
            {t(`groundTruth.problems.${problem}`)}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={make.pending} data-testid="quality-gt-create">
          {t("groundTruth.create")}
        </button>
      </fieldset>
    </form>
  );
}
