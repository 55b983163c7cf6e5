/**
 * The review side of an open job: its ReviewSession (loaded once), jumping to an issue (its frame, then
 * its region centred), stepping through open issues, and who may open and reopen issues here.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { JobPublic, UserPublic } from "@annota/api-client";
import { useApi } from "../../api/ApiContext";
import { centreOn } from "../../workspace/session/focus";
import type { WorkspaceController } from "../../workspace/session/controller";
import { issueCentre, nextOpenIssue } from "./issues";
import { reviewRoutes, type Issue, type ReviewRoutes } from "./reviewApi";
import { ReviewSession, type ReviewSnapshot } from "./reviewSession";

export interface ReviewHandle {
  readonly session: ReviewSession;
  readonly snap: ReviewSnapshot;
  readonly routes: ReviewRoutes;
  /** Opening and reopening issues is for reviewers and managers; the annotator reads, replies and resolves. */
  readonly mayOpen: boolean;
  jump(issue: Issue): Promise<void>;
  /** U / Shift+U: the next (previous) open issue; false when none is open. */
  step(direction: 1 | -1): Promise<boolean>;
}

/** Shows the issue's frame, then centres its region; its thread opens. */
export async function jumpToIssue(controller: WorkspaceController, session: ReviewSession, issue: Issue): Promise<void> {
  session.focus(issue.id);
  if (controller.snapshot().frame !== issue.frame) await controller.goToFrame(issue.frame);
  centreOn(controller, issueCentre(issue));
}

export function mayOpenIssues(user: UserPublic, job: JobPublic): boolean {
  return user.is_admin || job.assignee_id !== user.id || job.reviewer_id === user.id;
}

export function useReview(controller: WorkspaceController, job: JobPublic, user: UserPublic): ReviewHandle {
  const api = useApi();
  const routes = useMemo(() => reviewRoutes(api), [api]);
  const [session] = useState(() => new ReviewSession(job.id, routes));
  const snap = useSyncExternalStore(session.subscribe, session.snapshot);
  useEffect(() => {
    void session.load();
  }, [session]);
  return {
    session,
    snap,
    routes,
    mayOpen: mayOpenIssues(user, job),
    jump: (issue) => jumpToIssue(controller, session, issue),
    step: async (direction) => {
      const s = session.snapshot();
      const next = nextOpenIssue(s.issues, s.focused, controller.snapshot().frame, direction);
      if (next === null) return false;
      await jumpToIssue(controller, session, next);
      return true;
    },
  };
}
