/**
 * The review side of an open job: its ReviewSession (loaded once), jumping to an issue (its frame, then
 * its region centred), stepping through open issues, and who may open and reopen issues here.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { JobPublic, ProjectPublic, UserPublic } from "@annota/api-client";
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
  /** Usernames by id, for comment authors (the organisation's members; empty for a personal project). */
  readonly names: ReadonlyMap<number, string>;
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

export function useReview(controller: WorkspaceController, job: JobPublic, project: ProjectPublic, user: UserPublic): ReviewHandle {
  const api = useApi();
  const routes = useMemo(() => reviewRoutes(api), [api]);
  const [session] = useState(() => new ReviewSession(job.id, routes));
  const snap = useSyncExternalStore(session.subscribe, session.snapshot);
  const [names, setNames] = useState<ReadonlyMap<number, string>>(new Map());
  useEffect(() => {
    void session.load();
  }, [session]);
  useEffect(() => {
    if (project.organization_id === null) return;
    // Names are a comfort: without them authors show as "User #id".
    routes.members(project.organization_id).then(
      (members) => setNames(new Map(members.map((m) => [m.user_id, m.username]))),
      () => undefined,
    );
  }, [routes, project.organization_id]);
  return {
    session,
    snap,
    routes,
    mayOpen: mayOpenIssues(user, job),
    names,
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
