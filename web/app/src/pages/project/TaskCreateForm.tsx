import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { useApi } from "../../api/ApiContext";
import { useSubmit } from "../../api/useSubmit";
import { ErrorBanner } from "../../ui/ErrorBanner";

/** One line: the new task's name; on success the task's page opens, ready for uploads. */
export function TaskCreateForm({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const { submit, pending, error } = useSubmit(() => api.createTask({ project_id: projectId, name: name.trim() }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const task = await submit();
    if (task) navigate(`/tasks/${task.id}`);
  };

  return (
    <form className="inline-form" onSubmit={onSubmit} aria-label={t("tasks.create.title")}>
      <ErrorBanner error={error} />
      <label className="field field--inline">
        <span className="field__label">{t("tasks.create.name")}</span>
        <input required value={name} onChange={(event) => setName(event.target.value)} data-testid="task-name" />
      </label>
      <button type="submit" className="button button--primary" disabled={pending} data-testid="task-create-submit">
        {pending ? t("common.saving") : t("tasks.create.submit")}
      </button>
    </form>
  );
}
