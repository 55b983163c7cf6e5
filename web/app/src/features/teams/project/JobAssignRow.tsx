import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../../api/ApiContext";
import { useSubmit } from "../../../api/useSubmit";
import { enumLabel } from "../../../i18n/enumLabel";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { settle } from "../api/settle";
import type { JobPublic } from "../api/types";
import { draftOf, jobChanges } from "./jobDraft";
import type { Person } from "./people";

/** Roles that may review (the server refuses others with 422 `not_assignable`). */
const REVIEWING_ROLES = new Set(["owner", "manager", "reviewer", "admin", "user"]);

/** One job's row: assignee, reviewer, deadline and priority, saved together. `children` name the job. */
export function JobAssignRow({ job, people, children }: { job: JobPublic; people: readonly Person[]; children: ReactNode }) {
  const { t } = useTranslation("teams");
  const tr = useTranslation().t;
  const api = useApi();
  const [saved, setSaved] = useState<JobPublic>(job);
  const [draft, setDraft] = useState(() => draftOf(job));
  const changes = jobChanges(saved, draft);
  const dirty = Object.keys(changes).length > 0;
  const save = useSubmit(async () => {
    const updated = await settle(api.raw.PATCH("/api/jobs/{job_id}", { params: { path: { job_id: job.id } }, body: changes }));
    setSaved(updated);
    setDraft(draftOf(updated));
  });
  const person = (value: string) => (value === "" ? null : Number(value));
  const label = (what: string) => t("assign.fieldOf", { what, id: job.id });
  return (
    <>
      <tr data-testid="assign-row" data-job-id={job.id} data-assignee-id={saved.assignee_id ?? ""}>
        <td>{children}</td>
        <td>{enumLabel(tr, "jobState", saved.state)}</td>
        <td>
          <PersonSelect
            value={draft.assignee_id}
            savedName={saved.assignee_name ?? null}
            people={people}
            label={label(t("assign.assignee"))}
            testId="assign-assignee"
            onChange={(value) => setDraft({ ...draft, assignee_id: person(value) })}
          />
        </td>
        <td>
          <PersonSelect
            value={draft.reviewer_id}
            savedName={saved.reviewer_name ?? null}
            people={people.filter((p) => REVIEWING_ROLES.has(p.role))}
            label={label(t("assign.reviewer"))}
            testId="assign-reviewer"
            onChange={(value) => setDraft({ ...draft, reviewer_id: person(value) })}
          />
        </td>
        <td>
          <input
            type="datetime-local"
            value={draft.deadline}
            aria-label={label(t("assign.deadline"))}
            onChange={(event) => setDraft({ ...draft, deadline: event.target.value })}
            data-testid="assign-deadline"
          />
        </td>
        <td>
          <input
            type="number"
            className="teams-narrow"
            value={draft.priority}
            aria-label={label(t("work.columns.priority"))}
            onChange={(event) => setDraft({ ...draft, priority: Math.trunc(Number(event.target.value) || 0) })}
            data-testid="assign-priority"
          />
        </td>
        <td className="num">{saved.open_issues}</td>
        <td>
          <button
            type="button"
            className="button button--small button--primary"
            disabled={!dirty || save.pending}
            onClick={() => void save.submit()}
            aria-label={t("assign.saveJob", { id: job.id })}
            data-testid="assign-save"
          >
            {save.pending ? t("common.saving") : t("common.save")}
          </button>
        </td>
      </tr>
      {save.error && (
        <tr>
          <td colSpan={8}>
            <ErrorBanner error={save.error} onDismiss={save.clearError} />
          </td>
        </tr>
      )}
    </>
  );
}

function PersonSelect({
  value,
  savedName,
  people,
  label,
  testId,
  onChange,
}: {
  value: number | null;
  /** The name of the job's saved person: shown when they are not among `people` (no longer a member). */
  savedName: string | null;
  people: readonly Person[];
  label: string;
  testId: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation("teams");
  const known = value === null || people.some((p) => p.user_id === value);
  return (
    <select value={value ?? ""} aria-label={label} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
      <option value="">{t("common.nobody")}</option>
      {!known && <option value={value ?? ""}>{savedName ?? t("common.user", { id: value ?? 0 })}</option>}
      {people.map((p) => (
        <option key={p.user_id} value={p.user_id}>
          {p.username}
        </option>
      ))}
    </select>
  );
}
