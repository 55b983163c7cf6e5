import type { JobPublic } from "@annota/api-client";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { enumLabel } from "../../i18n/enumLabel";
import type { SaveStatus } from "../../workspace/save/saveEngine";
import type { WorkspaceController } from "../../workspace/session/controller";
import { refusalOf, type Transition, type TransitionAction, type ReviewRoutes } from "./reviewApi";
import { asApiError } from "./reviewSession";

const REFUSALS = new Set(["issues_open", "transition_not_allowed", "guidelines_not_acknowledged"]);

interface JobActionsProps {
  readonly controller: WorkspaceController;
  readonly job: JobPublic;
  readonly routes: ReviewRoutes;
  /** Runs before the job moves (the activity measured so far is sent). */
  readonly beforeMove: () => Promise<void>;
}

type Message = { readonly kind: "error" | "done"; readonly text: string };

/** Sends what is unsaved and waits for the answer (a save already in flight included): saved, or why not. */
export async function saveSettled(controller: WorkspaceController): Promise<SaveStatus> {
  await controller.saveNow();
  const engine = controller.engine;
  return new Promise((resolve) => {
    const check = () => {
      const status = engine.state().status;
      if (status === "saving" || status === "pending") return;
      stop();
      resolve(status);
    };
    const stop = engine.subscribe(check);
    check();
  });
}

/**
 * The moves the server allows this person on this job now (submit, "submit and open my next job",
 * start review, reject, accept...), with the job's stage and state. Unsaved work is saved first; a
 * refusal shows the server's reason in words.
 */
export function JobActions({ controller, job, routes, beforeMove }: JobActionsProps) {
  const { t } = useTranslation("review");
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const [where, setWhere] = useState({ stage: job.stage, state: job.state });
  const [transitions, setTransitions] = useState<Transition[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);

  const reload = useCallback(() => {
    routes.transitions(job.id).then(setTransitions, () => setTransitions([]));
  }, [routes, job.id]);
  useEffect(reload, [reload]);

  const refused = (error: unknown): string => {
    const e = asApiError(error);
    const reason = refusalOf(e);
    if (reason !== null && REFUSALS.has(reason)) return t(`job.refused.${reason as "issues_open"}`);
    if (e.status === 403) return t("job.refused.forbidden");
    return t("job.refused.other", { detail: e.message });
  };

  const move = async (action: TransitionAction, openNext: boolean) => {
    setBusy(true);
    setMessage(null);
    try {
      if ((await saveSettled(controller)) !== "saved") {
        setMessage({ kind: "error", text: t("job.saveFirst") });
        return;
      }
      await beforeMove();
      const result = await routes.transition(job.id, action, openNext);
      setWhere({ stage: result.job.stage, state: result.job.state });
      if (openNext && result.next_job) {
        navigate(`/jobs/${result.next_job.id}`);
        return;
      }
      const stage = enumLabel(tc, "jobStage", result.job.stage);
      const state = enumLabel(tc, "jobState", result.job.state);
      setMessage({ kind: "done", text: openNext ? t("job.noNextJob") : t("job.done", { stage, state }) });
      reload();
    } catch (error) {
      setMessage({ kind: "error", text: refused(error) });
      reload();
    } finally {
      setBusy(false);
    }
  };

  const button = (action: TransitionAction, openNext: boolean) => (
    <button
      key={`${action}-${openNext}`}
      type="button"
      className={action === "accept" || (action === "submit" && !openNext) ? "button button--small button--primary" : "button button--small"}
      disabled={busy}
      onClick={() => void move(action, openNext)}
      data-testid={openNext ? `job-${action}-next` : `job-${action}`}
    >
      {openNext ? t("job.openNext") : t(`job.action.${action}`)}
    </button>
  );

  return (
    <div className="job-actions" role="group" aria-label={t("job.label")} data-testid="job-actions" data-stage={where.stage} data-state={where.state}>
      <span className="job-actions__stage" data-testid="job-stage">
        {t("job.stage", { stage: enumLabel(tc, "jobStage", where.stage), state: enumLabel(tc, "jobState", where.state) })}
      </span>
      {transitions.flatMap((tr) => {
        const action = tr.action as TransitionAction;
        return action === "submit" ? [button(action, false), button(action, true)] : [button(action, false)];
      })}
      {message !== null && (
        <span className={message.kind === "error" ? "job-actions__error" : "job-actions__stage"} role={message.kind === "error" ? "alert" : "status"} data-testid="job-message" data-kind={message.kind}>
          {message.text}
        </span>
      )}
    </div>
  );
}
