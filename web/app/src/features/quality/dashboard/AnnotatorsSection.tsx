import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useQuery } from "../../../api/useQuery";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { annotatorQuality } from "../controlApi";
import { type People, personName } from "../people";
import { GroupSection } from "./GroupSection";
import { forbidden } from "./managerOnly";

/** Each annotator's running score: their jobs on the ground-truth (honeypot) frames inside them; each name
 * opens the annotator's certificates. */
export function AnnotatorsSection({ projectId, people }: { projectId: number; people: People }) {
  const { t } = useTranslation("quality");
  const annotators = useQuery((api) => annotatorQuality(api, projectId), [projectId]);
  if (forbidden(annotators.error)) return null;
  if (annotators.error) return <ErrorBanner error={annotators.error} />;
  if (!annotators.data) return null;
  return (
    <GroupSection
      id="quality-annotators"
      title={t("sections.annotators")}
      chartTitle={t("charts.f1ByAnnotator")}
      nameHeader={t("columns.annotator")}
      csvNames={["user_id", "name", "jobs", "frames_compared", "score", "flagged"]}
      csvFile={`project-${projectId}-annotators.csv`}
      empty={t("empty.annotators")}
      groups={annotators.data.map((a) => {
        const name = a.name ?? personName(t, people, a.user_id);
        return {
          key: String(a.user_id),
          name,
          cell: a.user_id === null ? name : <Link to={`/users/${a.user_id}/certificates`}>{name}</Link>,
          csvName: [a.user_id, name, a.jobs.join(" "), a.frames_compared, a.score, a.flagged ? 1 : 0],
          flagged: a.flagged,
          summary: a.summary,
        };
      })}
    />
  );
}
