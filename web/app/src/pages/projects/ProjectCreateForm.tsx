import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { useApi } from "../../api/ApiContext";
import { useSubmit } from "../../api/useSubmit";
import { OrganizationPicker } from "../../features/teams/organizations/OrganizationPicker";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { type LabelDraft, newLabelDraft, toLabelCreates } from "./labelDrafts";
import { LabelsEditor } from "./LabelsEditor";

export function ProjectCreateForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const nextKey = useRef(1);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [organizationId, setOrganizationId] = useState<number | null>(null);
  const [labels, setLabels] = useState<LabelDraft[]>([newLabelDraft(0)]);
  const { submit, pending, error } = useSubmit(() =>
    api.createProject({
      name: name.trim(),
      description: description.trim(),
      labels: toLabelCreates(labels),
      ...(organizationId !== null ? { organization_id: organizationId } : {}),
    }),
  );

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const project = await submit();
    if (project) navigate(`/projects/${project.id}`);
  };

  return (
    <form className="card form" onSubmit={onSubmit} aria-labelledby="project-create-title" data-testid="project-create-form">
      <h2 id="project-create-title">{t("projects.create.title")}</h2>
      <ErrorBanner error={error} />
      <label className="field">
        <span className="field__label">{t("projects.create.name")}</span>
        <input required value={name} onChange={(event) => setName(event.target.value)} data-testid="project-name" />
      </label>
      <label className="field">
        <span className="field__label">{t("projects.create.description")}</span>
        <textarea
          rows={2}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          data-testid="project-description"
        />
      </label>
      <OrganizationPicker value={organizationId} onChange={setOrganizationId} />
      <LabelsEditor
        labels={labels}
        onChange={setLabels}
        onAdd={() => setLabels((current) => [...current, newLabelDraft(nextKey.current++)])}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending} data-testid="project-create-submit">
          {pending ? t("common.saving") : t("projects.create.submit")}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
