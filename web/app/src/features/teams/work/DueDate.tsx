import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../format/format";
import { dueWording, relativeTime } from "./workOrder";

/** A due date as a date and how far it is ("Due tomorrow", "Overdue: 2 days ago"); "No due date" without one. */
export function DueDate({ due, now = new Date() }: { due: string | null; now?: Date }) {
  const { t, i18n } = useTranslation("teams");
  const wording = dueWording(due, now);
  if (due === null || wording.urgency === "none") return <span className="muted">{t("due.none")}</span>;
  const when = relativeTime(i18n.language, wording);
  return (
    <span className={`teams-due teams-due--${wording.urgency}`} data-testid="due" data-urgency={wording.urgency}>
      <time dateTime={due}>{formatDateTime(i18n.language, due)}</time>{" "}
      <span className="small">{wording.urgency === "overdue" ? t("due.overdue", { when }) : t("due.upcoming", { when })}</span>
    </span>
  );
}
