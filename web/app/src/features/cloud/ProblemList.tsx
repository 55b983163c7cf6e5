import type { ApiError } from "@annota/api-client";
import { useTranslation } from "react-i18next";
import { objectProblems } from "./problems";
import type { CloudMediaImport } from "./types";

/** Why nothing was added: every problem the server found, each under the object it is about. */
export function ProblemList({ error, request }: { error: ApiError; request: CloudMediaImport }) {
  const { t } = useTranslation("cloud");
  const { t: tApp } = useTranslation();
  const problems = objectProblems(error, request);
  return (
    <div className="error-banner cloud-problems" role="alert" data-testid="cloud-problems">
      <div className="error-banner__body">
        <strong>{t("add.refused", { count: problems.length })}</strong>
        <ul>
          {problems.map((problem, index) => (
            <li key={index} data-testid="cloud-problem">
              {problem.object !== null && <code>{problem.object}</code>}
              {problem.object !== null && tApp("common.colonSeparator")}
              {problem.msg}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
