import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../../api/ApiContext";
import { useSubmit } from "../../../api/useSubmit";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { settle } from "../api/settle";
import type { ProjectPeople } from "./people";

type Strategy = "round_robin" | "frame_count";
type Seat = "assignee" | "reviewer";

/** Share the project's jobs among chosen people: in turn, or by frame count (largest jobs to the least loaded). */
export function BulkAssignForm({ team, onAssigned }: { team: ProjectPeople; onAssigned: () => void }) {
  const { t } = useTranslation("teams");
  const api = useApi();
  const [chosen, setChosen] = useState<number[]>([]);
  const [strategy, setStrategy] = useState<Strategy>("round_robin");
  const [seat, setSeat] = useState<Seat>("assignee");
  const [onlyUnassigned, setOnlyUnassigned] = useState(true);
  const [assigned, setAssigned] = useState<number | null>(null);
  const assign = useSubmit(() =>
    settle(
      api.raw.POST("/api/projects/{project_id}/assignments", {
        params: { path: { project_id: team.project.id } },
        body: { users: chosen, strategy, seat, only_unassigned: onlyUnassigned },
      }),
    ),
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await assign.submit();
    if (result) {
      setAssigned(result.assigned.length);
      onAssigned();
    }
  };
  const toggle = (userId: number, on: boolean) =>
    setChosen((current) => (on ? [...current, userId] : current.filter((id) => id !== userId)));
  return (
    <form className="panel form" onSubmit={onSubmit} aria-labelledby="teams-bulk-title" data-testid="bulk-assign-form">
      <h2 id="teams-bulk-title">{t("bulk.title")}</h2>
      <ErrorBanner error={assign.error} />
      <fieldset className="field">
        <legend className="field__label">{t("bulk.people")}</legend>
        {team.people.length === 0 && <p className="muted">{t("bulk.nobody")}</p>}
        {team.people.map((person) => (
          <label key={person.user_id} className="teams-check">
            <input
              type="checkbox"
              checked={chosen.includes(person.user_id)}
              onChange={(event) => toggle(person.user_id, event.target.checked)}
              data-testid="bulk-person"
              data-username={person.username}
            />{" "}
            {person.username}
          </label>
        ))}
      </fieldset>
      <label className="field field--inline">
        <span className="field__label">{t("bulk.strategy")}</span>
        <select value={strategy} onChange={(event) => setStrategy(event.target.value as Strategy)} data-testid="bulk-strategy">
          <option value="round_robin">{t("bulk.roundRobin")}</option>
          <option value="frame_count">{t("bulk.frameCount")}</option>
        </select>
      </label>
      <label className="field field--inline">
        <span className="field__label">{t("bulk.seat")}</span>
        <select value={seat} onChange={(event) => setSeat(event.target.value as Seat)} data-testid="bulk-seat">
          <option value="assignee">{t("assign.assignee")}</option>
          <option value="reviewer">{t("assign.reviewer")}</option>
        </select>
      </label>
      <label className="field--inline">
        <input
          type="checkbox"
          checked={onlyUnassigned}
          onChange={(event) => setOnlyUnassigned(event.target.checked)}
          data-testid="bulk-only-unassigned"
        />{" "}
        {t("bulk.onlyUnassigned")}
      </label>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={chosen.length === 0 || assign.pending} data-testid="bulk-assign">
          {t("bulk.submit")}
        </button>
        {assigned !== null && (
          <span role="status" data-testid="bulk-result">
            {t("bulk.done", { count: assigned })}
          </span>
        )}
      </div>
    </form>
  );
}
