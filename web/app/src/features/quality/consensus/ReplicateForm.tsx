import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../../api/ApiContext";
import { useQuery } from "../../../api/useQuery";
import { useSubmit } from "../../../api/useSubmit";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { type Consensus, projectMembers, replicate } from "../controlApi";
import { readReplicas } from "./agreement";

interface ReplicateFormProps {
  jobId: number;
  projectId: number | null;
  onMade: (consensus: Consensus) => void;
}

/** Replicate the job to k annotators (2 to 11), each replica assigned to a chosen member or left open. */
export function ReplicateForm({ jobId, projectId, onMade }: ReplicateFormProps) {
  const { t } = useTranslation("quality");
  const api = useApi();
  const [k, setK] = useState("3");
  const [assignees, setAssignees] = useState<string[]>([]);
  const [invalid, setInvalid] = useState(false);
  const members = useQuery((a) => (projectId === null ? Promise.resolve([]) : projectMembers(a, projectId)), [projectId]);
  const make = useSubmit(async () => {
    const replicas = readReplicas(k);
    setInvalid(replicas === null);
    if (replicas === null) return;
    const chosen = assignees.slice(0, replicas).filter((a) => a !== "").map(Number);
    onMade(await replicate(api, jobId, { replicas, assignees: chosen }));
  });
  const count = readReplicas(k) ?? 0;
  return (
    <form
      className="form panel"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void make.submit();
      }}
    >
      <p className="muted">{t("consensus.none")}</p>
      <ErrorBanner error={make.error} />
      <label className="field field--inline">
        <span className="field__label">{t("consensus.k")}</span>
        <input type="number" min={2} max={11} value={k} onChange={(e) => setK(e.target.value)} aria-invalid={invalid} data-testid="quality-consensus-k" />
      </label>
      {invalid && (
        <p className="field__error" role="alert" data-testid="quality-consensus-k-problem">
          {t("consensus.kProblem")}
        </p>
      )}
      {(members.data ?? []).length > 0 &&
        Array.from({ length: count }, (_, i) => (
          <label key={i} className="field field--inline">
            <span className="field__label">{t("consensus.assignee", { n: i + 1 })}</span>
            <select
              value={assignees[i] ?? ""}
              onChange={(e) => setAssignees((all) => Object.assign([...all], { [i]: e.target.value }))}
              data-testid="quality-consensus-assignee"
            >
              <option value="">{t("people.nobody")}</option>
              {members.data?.map((m) => (
                <option key={m.user_id} value={String(m.user_id)}>
                  {m.username}
                </option>
              ))}
            </select>
          </label>
        ))}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={make.pending} data-testid="quality-consensus-replicate">
          {t("consensus.replicate")}
        </button>
      </div>
    </form>
  );
}
