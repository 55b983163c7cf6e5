import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useUser } from "../../auth/AuthContext";
import type { Issue } from "./reviewApi";
import type { ReviewHandle } from "./useReview";

/** One issue's thread: its comments, a reply, resolve (anyone on the job) and reopen (reviewers, managers). */
export function IssueThread({ issue, review }: { issue: Issue; review: ReviewHandle }) {
  const { t } = useTranslation("review");
  const user = useUser();
  const [reply, setReply] = useState("");
  const { session, snap } = review;
  const send = async () => {
    if (reply.trim() === "") return;
    if ((await session.reply(issue.id, reply.trim())) !== null) setReply("");
  };
  return (
    <section className="issue-thread" data-testid="issue-thread" data-issue-id={issue.id} data-status={issue.status} aria-label={t("thread.title", { id: issue.id, frame: issue.frame })}>
      <div className="issues-panel__head">
        <strong>{t("thread.title", { id: issue.id, frame: issue.frame })}</strong>
        <span className={`issue-row__status--${issue.status}`}>{t(issue.status === "open" ? "panel.status.open" : "panel.status.resolved")}</span>
      </div>
      <ol className="issue-thread__comments">
        {issue.comments.map((c) => (
          <li key={c.id} data-testid="issue-comment">
            <span className="muted small">{c.author_id === user.id ? t("thread.you") : (c.author_name ?? t("thread.someone", { id: c.author_id ?? "?" }))}</span>
            <div>{c.body}</div>
          </li>
        ))}
      </ol>
      <label className="small" htmlFor={`issue-reply-${issue.id}`}>
        {t("thread.reply")}
      </label>
      <textarea id={`issue-reply-${issue.id}`} value={reply} onChange={(e) => setReply(e.target.value)} data-testid="issue-reply" />
      <div className="issues-panel__head">
        <button type="button" className="button button--small" disabled={snap.busy || reply.trim() === ""} onClick={() => void send()} data-testid="issue-send">
          {t("thread.send")}
        </button>
        <button type="button" className="button button--small" onClick={() => void review.jump(issue)} data-testid="issue-jump">
          {t("thread.jump")}
        </button>
        {issue.status === "open" ? (
          <button type="button" className="button button--small button--primary" disabled={snap.busy} onClick={() => void session.resolve(issue.id)} data-testid="issue-resolve">
            {t("thread.resolve")}
          </button>
        ) : (
          review.mayOpen && (
            <button type="button" className="button button--small" disabled={snap.busy} onClick={() => void session.reopen(issue.id)} data-testid="issue-reopen">
              {t("thread.reopen")}
            </button>
          )
        )}
        <button type="button" className="button button--small" onClick={() => session.focus(null)} data-testid="issue-close">
          {t("thread.close")}
        </button>
      </div>
    </section>
  );
}
