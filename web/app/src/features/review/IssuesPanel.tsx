import { useState } from "react";
import { useTranslation } from "react-i18next";
import { countIssues } from "./issues";
import { IssueThread } from "./IssueThread";
import type { ReviewHandle } from "./useReview";

type Filter = "open" | "resolved" | "all";
const FILTERS: readonly Filter[] = ["open", "resolved", "all"];

function DraftForm({ review }: { review: ReviewHandle }) {
  const { t } = useTranslation("review");
  const [comment, setComment] = useState("");
  const draft = review.snap.draft;
  if (draft === null) return null;
  const r = draft.region;
  const where = r.w === null || r.w === undefined ? t("draft.point", { x: r.x, y: r.y }) : t("draft.region", { x: r.x, y: r.y, w: r.w, h: r.h ?? 0 });
  const create = async () => {
    if (comment.trim() === "") return;
    if ((await review.session.submitDraft(comment.trim())) !== null) setComment("");
  };
  return (
    <form
      className="issue-draft-form"
      data-testid="issue-draft-form"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <strong>{t("draft.title", { frame: draft.frame })}</strong>
      <span className="muted small">{where}</span>
      <label className="small" htmlFor="issue-draft-comment">
        {t("draft.comment")}
      </label>
      <textarea id="issue-draft-comment" autoFocus value={comment} onChange={(e) => setComment(e.target.value)} data-testid="issue-draft-comment" />
      <div className="issues-panel__head">
        <button type="submit" className="button button--small button--primary" disabled={review.snap.busy || comment.trim() === ""} data-testid="issue-create">
          {t("draft.create")}
        </button>
        <button type="button" className="button button--small" onClick={() => review.session.cancelDraft()} data-testid="issue-draft-cancel">
          {t("draft.cancel")}
        </button>
      </div>
    </form>
  );
}

/** The job's issues beside the canvas: counts, a filter, the "new issue" tool, the list and the open thread. */
export function IssuesPanel({ review }: { review: ReviewHandle }) {
  const { t } = useTranslation("review");
  const [filter, setFilter] = useState<Filter>("open");
  const { snap, session } = review;
  const counts = countIssues(snap.issues);
  const shown = snap.issues.filter((i) => filter === "all" || i.status === filter);
  const focused = snap.focused === null ? undefined : session.issue(snap.focused);
  return (
    <div className="issues-panel" data-testid="issues-panel" data-open={counts.open} data-resolved={counts.resolved}>
      <div className="issues-panel__head">
        <span data-testid="issue-counts">{t("panel.counts", { open: counts.open, resolved: counts.resolved })}</span>
        {review.mayOpen && (
          <button
            type="button"
            className={snap.drawing ? "button button--small button--primary" : "button button--small"}
            aria-pressed={snap.drawing}
            onClick={() => session.setDrawing(!snap.drawing)}
            data-testid="issue-new"
          >
            {t(snap.drawing ? "panel.stopDrawing" : "panel.newIssue")}
          </button>
        )}
        <button type="button" className="button button--small" disabled={counts.open === 0} onClick={() => void review.step(1)} data-testid="issue-next">
          {t("panel.next")}
        </button>
      </div>
      {snap.drawing && <p className="muted small">{t("panel.drawing")}</p>}
      <DraftForm review={review} />
      {snap.error !== null && (
        <p className="error" role="alert" data-testid="review-error">
          {t("error", { detail: snap.error.message })}
        </p>
      )}
      <div className="issues-panel__head" role="group" aria-label={t("panel.filter.label")}>
        {FILTERS.map((f) => (
          <label key={f} className="small">
            <input type="radio" name="issue-filter" checked={filter === f} onChange={() => setFilter(f)} data-testid={`issue-filter-${f}`} /> {t(`panel.filter.${f}`)}
          </label>
        ))}
      </div>
      {snap.loading ? (
        <p className="muted">{t("panel.loading")}</p>
      ) : shown.length === 0 ? (
        <p className="empty">{t(snap.issues.length === 0 ? "panel.empty" : "panel.emptyFilter")}</p>
      ) : (
        <ul className="issues-panel__list">
          {shown.map((issue) => (
            <li key={issue.id}>
              <button type="button" className="issue-row" aria-current={snap.focused === issue.id} onClick={() => void review.jump(issue)} data-testid="issue-row" data-issue-id={issue.id} data-status={issue.status}>
                <span className={`issue-row__status--${issue.status}`}>{t(issue.status === "open" ? "panel.status.open" : "panel.status.resolved")}</span>{" "}
                <span className="muted small">{t("panel.row", { frame: issue.frame, comments: issue.comments.length })}</span>
                <div>{issue.comments[0]?.body ?? ""}</div>
              </button>
            </li>
          ))}
        </ul>
      )}
      {focused !== undefined && <IssueThread key={focused.id} issue={focused} review={review} />}
    </div>
  );
}
