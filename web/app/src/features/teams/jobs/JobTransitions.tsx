import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../../api/ApiContext";
import { useQuery } from "../../../api/useQuery";
import { useSubmit } from "../../../api/useSubmit";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { settle } from "../api/settle";

const ACTIONS = ["start", "submit", "recall", "start_review", "reject", "accept", "reopen"] as const;
type Action = (typeof ACTIONS)[number];

function isAction(value: string): value is Action {
  return (ACTIONS as readonly string[]).includes(value);
}

/** "Move…" on a job row: the workflow moves the caller may make now (asked when opened), each one click. */
export function JobTransitions({ jobId, onMoved }: { jobId: number; onMoved: () => void }) {
  const { t } = useTranslation("teams");
  const [open, setOpen] = useState(false);
  return (
    <span className="teams-moves">
      <button
        type="button"
        className="button button--small"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        aria-label={t("moves.of", { id: jobId })}
        data-testid="job-moves"
      >
        {t("moves.open")}
      </button>
      {open && (
        <Moves
          jobId={jobId}
          onMoved={() => {
            setOpen(false);
            onMoved();
          }}
        />
      )}
    </span>
  );
}

function Moves({ jobId, onMoved }: { jobId: number; onMoved: () => void }) {
  const { t } = useTranslation("teams");
  const api = useApi();
  const moves = useQuery(
    (client) => settle(client.raw.GET("/api/jobs/{job_id}/transitions", { params: { path: { job_id: jobId } } })),
    [jobId],
  );
  const move = useSubmit(async (action: Action) => {
    await settle(api.raw.POST("/api/jobs/{job_id}/transitions", { params: { path: { job_id: jobId } }, body: { action } }));
    onMoved();
  });
  if (moves.error) return <ErrorBanner error={moves.error} />;
  if (!moves.data) return <Loading />;
  const usable = moves.data.filter((m) => isAction(m.action));
  return (
    <span className="teams-moves__list" role="group" aria-label={t("moves.of", { id: jobId })}>
      <ErrorBanner error={move.error} />
      {usable.length === 0 && <span className="muted small">{t("moves.none")}</span>}
      {usable.map((m) => (
        <button
          key={m.action}
          type="button"
          className="button button--small"
          title={m.description}
          disabled={move.pending}
          onClick={() => isAction(m.action) && void move.submit(m.action)}
          data-testid="job-move"
          data-action={m.action}
        >
          {t(`moves.actions.${m.action as Action}`)}
        </button>
      ))}
    </span>
  );
}
