import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useQuery } from "../../api/useQuery";
import { exam } from "./examApi";

/** A project's quality pages, linked from its page: the dashboard, and the exam when the project is one. */
export function ProjectQualityLinks({ projectId }: { projectId: number }) {
  const { t } = useTranslation("quality");
  // Another project answers 409 not_an_exam: then there is simply no exam link.
  const isExam = useQuery((api) => exam(api, projectId), [projectId]).data !== undefined;
  return (
    <>
      <Link className="button" to={`/projects/${projectId}/quality`} data-testid="project-quality-link">
        {t("links.dashboard")}
      </Link>
      {isExam && (
        <Link className="button" to={`/projects/${projectId}/exam`} data-testid="project-exam-link">
          {t("links.exam")}
        </Link>
      )}
    </>
  );
}
