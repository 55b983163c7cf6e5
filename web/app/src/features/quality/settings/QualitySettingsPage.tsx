import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { useApi } from "../../../api/ApiContext";
import { useQuery } from "../../../api/useQuery";
import { useSubmit } from "../../../api/useSubmit";
import { idParam } from "../../../pages/listParams";
import { NotFoundPage } from "../../../pages/NotFoundPage";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { type QualityRules, qualityRules, REVIEW_METRICS, updateQualityRules } from "../controlApi";
import { QualityNav } from "../QualityNav";
import { NumberField, SelectField } from "./RulesFields";
import { type DraftField, type DraftProblem, draftOf, LABEL_MATCHINGS, MATCH_METHODS, readDraft, type RulesDraft } from "./rulesForm";

export function QualitySettingsPage() {
  const projectId = idParam(useParams().projectId);
  return projectId === null ? <NotFoundPage /> : <QualitySettings projectId={projectId} />;
}

function QualitySettings({ projectId }: { projectId: number }) {
  const { t } = useTranslation("quality");
  const project = useQuery((api) => api.getProject(projectId), [projectId]);
  const rules = useQuery((api) => qualityRules(api, projectId), [projectId]);
  return (
    <section className="page quality-page" data-testid="quality-settings">
      <QualityNav projectId={projectId} projectName={project.data?.name} manager />
      <h1>{t("settings.title")}</h1>
      <ErrorBanner error={rules.error} />
      {rules.data ? <RulesForm projectId={projectId} stored={rules.data} /> : !rules.error && <Loading />}
    </section>
  );
}

/** The project's quality rules: review threshold, comparison, consensus and exam. */
function RulesForm({ projectId, stored: initial }: { projectId: number; stored: QualityRules }) {
  const { t } = useTranslation("quality");
  const api = useApi();
  const [stored, setStored] = useState(initial);
  const [draft, setDraft] = useState<RulesDraft>(() => draftOf(initial));
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [saved, setSaved] = useState(false);
  const projects = useQuery((a) => a.listProjects({ page_size: 100 }), []);
  const save = useSubmit(async () => {
    const read = readDraft(draft, stored);
    setProblems(read.ok ? [] : read.problems);
    if (!read.ok) return;
    const next = await updateQualityRules(api, projectId, read.body);
    setStored(next);
    setDraft(draftOf(next));
    setSaved(true);
  });
  const change = (field: DraftField, value: string | boolean) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [field]: value }));
  };
  const fieldProps = { draft, problems, onChange: change };
  const exams = (projects.data?.items ?? []).filter((p) => p.id !== projectId);
  return (
    <form
      className="form quality-settings"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save.submit();
      }}
    >
      <ErrorBanner error={save.error} />
      <fieldset>
        <legend>{t("settings.review")}</legend>
        <div className="quality-fields">
          <NumberField field="review_threshold" hint={t("settings.hints.review_threshold")} {...fieldProps} />
          <SelectField field="review_metric" draft={draft} onChange={change}>
            {REVIEW_METRICS.map((m) => (
              <option key={m} value={m}>
                {t(`metrics.${m}`)}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("settings.comparison")}</legend>
        <div className="quality-fields">
          <NumberField field="iou_threshold" {...fieldProps} />
          <NumberField field="low_overlap_threshold" {...fieldProps} />
          <SelectField field="method" draft={draft} onChange={change}>
            {MATCH_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`settings.methods.${m}`)}
              </option>
            ))}
          </SelectField>
          <SelectField field="label_matching" draft={draft} onChange={change}>
            {LABEL_MATCHINGS.map((m) => (
              <option key={m} value={m}>
                {t(`settings.labelMatchings.${m}`)}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("settings.consensus")}</legend>
        <div className="quality-fields">
          <NumberField field="consensus_quorum" hint={t("settings.hints.consensus_quorum")} {...fieldProps} />
          <NumberField field="agreement_threshold" hint={t("settings.hints.agreement_threshold")} {...fieldProps} />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("settings.exam")}</legend>
        <label className="field field--inline">
          <input type="checkbox" checked={draft.is_exam} onChange={(e) => change("is_exam", e.target.checked)} data-testid="quality-rule-is_exam" />
          <span>{t("settings.fields.is_exam")}</span>
        </label>
        <div className="quality-fields">
          <NumberField field="exam_pass_score" {...fieldProps} />
          <NumberField field="exam_max_attempts" {...fieldProps} />
          <SelectField field="required_exam_id" draft={draft} onChange={change}>
            <option value="">{t("settings.noExam")}</option>
            {exams.map((p) => (
              <option key={p.id} value={String(p.id)}>
                {p.name}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={save.pending} data-testid="quality-settings-save">
          {t("settings.save")}
        </button>
        {saved && (
          <span className="notice" role="status" data-testid="quality-settings-saved">
            {t("settings.saved")}
          </span>
        )}
      </div>
    </form>
  );
}
