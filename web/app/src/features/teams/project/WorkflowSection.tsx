import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../../api/ApiContext";
import { useQuery } from "../../../api/useQuery";
import { useSubmit } from "../../../api/useSubmit";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { settle } from "../api/settle";
import type { WorkflowPublic } from "../api/types";

/** The self-assign pool: on, members take the next unassigned job themselves. */
export function WorkflowSection({ projectId }: { projectId: number }) {
  const { t } = useTranslation("teams");
  const api = useApi();
  const path = { params: { path: { project_id: projectId } } };
  const flow = useQuery((client) => settle(client.raw.GET("/api/projects/{project_id}/workflow", path)), [projectId]);
  const update = useSubmit((selfAssign: boolean) =>
    settle(api.raw.PATCH("/api/projects/{project_id}/workflow", { ...path, body: { self_assign: selfAssign } })),
  );
  const [shown, setShown] = useShown(flow.data);
  if (flow.error) return <ErrorBanner error={flow.error} />;
  if (!shown) return <Loading />;
  return (
    <section className="panel" aria-labelledby="teams-workflow-title" data-testid="team-workflow">
      <h2 id="teams-workflow-title">{t("workflow.title")}</h2>
      <ErrorBanner error={update.error} />
      <label className="field--inline">
        <input
          type="checkbox"
          checked={shown.self_assign}
          disabled={update.pending}
          onChange={async (event) => {
            const updated = await update.submit(event.target.checked);
            if (updated) setShown(updated);
          }}
          data-testid="workflow-pool"
        />{" "}
        {t("workflow.pool")}
      </label>
      <p className="muted">{t("workflow.poolHelp")}</p>
      {shown.self_assign && shown.pool_available !== null && (
        <p data-testid="workflow-available">{t("workflow.available", { count: shown.pool_available })}</p>
      )}
    </section>
  );
}


/** The last workflow loaded or saved. */
function useShown(loaded: WorkflowPublic | undefined): [WorkflowPublic | undefined, (value: WorkflowPublic) => void] {
  const [saved, setSaved] = useState<WorkflowPublic | undefined>(undefined);
  useEffect(() => setSaved(undefined), [loaded]);
  return [saved ?? loaded, setSaved];
}
