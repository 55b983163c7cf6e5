/**
 * One job's review, for the workspace: its issues (loaded, opened, commented, resolved, reopened), the
 * issue in focus, the "new issue" tool and the region being drawn with it. Panels and the pin overlay
 * read its snapshot; it never renders and never touches the canvas (the page jumps to issues).
 */
import { ApiError } from "@annota/api-client";
import { sortIssues } from "./issues";
import type { Issue, Region, ReviewRoutes } from "./reviewApi";

export interface ReviewSnapshot {
  readonly issues: readonly Issue[];
  /** Whether the first load is still running. */
  readonly loading: boolean;
  /** The last failure (loading or an action), as the server worded it. */
  readonly error: ApiError | null;
  /** The issue whose thread is open. */
  readonly focused: number | null;
  /** The "new issue" tool is on: a drag draws a box, a click a point. */
  readonly drawing: boolean;
  /** The region drawn, waiting for its first comment. */
  readonly draft: { readonly frame: number; readonly region: Region } | null;
  /** An action in flight. */
  readonly busy: boolean;
}

export class ReviewSession {
  private snap: ReviewSnapshot = { issues: [], loading: true, error: null, focused: null, drawing: false, draft: null, busy: false };
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly jobId: number,
    private readonly routes: ReviewRoutes,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): ReviewSnapshot => this.snap;

  private update(patch: Partial<ReviewSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }

  issue(id: number): Issue | undefined {
    return this.snap.issues.find((i) => i.id === id);
  }

  async load(): Promise<void> {
    try {
      this.update({ issues: sortIssues(await this.routes.listIssues(this.jobId)), loading: false, error: null });
    } catch (error) {
      this.update({ loading: false, error: asApiError(error) });
    }
  }

  focus(id: number | null): void {
    this.update({ focused: id });
  }

  /** Turns the "new issue" tool on or off (off also drops a draft not yet sent). */
  setDrawing(on: boolean): void {
    this.update({ drawing: on, draft: on ? this.snap.draft : null });
  }

  /** A region drawn on `frame`: it waits for its first comment. */
  draw(frame: number, region: Region): void {
    this.update({ draft: { frame, region }, drawing: false, focused: null });
  }

  cancelDraft(): void {
    this.update({ draft: null });
  }

  /** Sends the draft with its first comment; resolves with the new issue (null when refused). */
  async submitDraft(comment: string): Promise<Issue | null> {
    const draft = this.snap.draft;
    if (draft === null) return null;
    const issue = await this.act(() => this.routes.openIssue(this.jobId, { frame: draft.frame, region: draft.region, comment }));
    if (issue !== null) this.update({ draft: null, focused: issue.id });
    return issue;
  }

  reply(id: number, body: string): Promise<Issue | null> {
    return this.act(() => this.routes.comment(id, body));
  }

  resolve(id: number): Promise<Issue | null> {
    return this.act(() => this.routes.resolve(id));
  }

  reopen(id: number): Promise<Issue | null> {
    return this.act(() => this.routes.reopen(id));
  }

  /** Runs one call that answers with an issue, and puts that issue in the list. */
  private async act(call: () => Promise<Issue>): Promise<Issue | null> {
    this.update({ busy: true, error: null });
    try {
      const issue = await call();
      const others = this.snap.issues.filter((i) => i.id !== issue.id);
      this.update({ issues: sortIssues([...others, issue]), busy: false });
      return issue;
    } catch (error) {
      this.update({ busy: false, error: asApiError(error) });
      return null;
    }
  }
}

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, [{ loc: [], msg: error instanceof Error ? error.message : String(error), type: "client_error" }]);
}
