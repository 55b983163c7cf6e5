import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { useApi } from "../../../api/ApiContext";
import { useQuery } from "../../../api/useQuery";
import { useSubmit } from "../../../api/useSubmit";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { settle } from "../api/settle";
import type { GuidelinesGate } from "./GuidelinesGate";

/** Projects looked at for an open pool: the most recently updated ones. */
const POOL_PROJECTS = 20;

interface Offer {
  projectId: number;
  projectName: string;
  available: number;
}

/** The self-assign pools the caller may take a job from, each with a "take a job" button. */
export function PoolOffers({ guard }: { guard: GuidelinesGate["guard"] }) {
  const { t } = useTranslation("teams");
  const api = useApi();
  const navigate = useNavigate();
  const offers = useQuery(async (client) => {
    const projects = await client.listProjects({ page: 1, page_size: POOL_PROJECTS, sort: "-updated_at" });
    const found = await Promise.all(
      projects.items.map(async (project): Promise<Offer | null> => {
        const flow = await settle(
          client.raw.GET("/api/projects/{project_id}/workflow", { params: { path: { project_id: project.id } } }),
        ).catch(() => null); // a project whose workflow we may not read has no pool for us
        const available = flow?.self_assign ? (flow.pool_available ?? 0) : 0;
        return available > 0 ? { projectId: project.id, projectName: project.name, available } : null;
      }),
    );
    return found.filter((offer): offer is Offer => offer !== null);
  }, []);
  const claim = useSubmit((projectId: number) =>
    guard(projectId, async () => {
      const job = await settle(
        api.raw.POST("/api/projects/{project_id}/pool/claim", { params: { path: { project_id: projectId } } }),
      );
      navigate(`/jobs/${job.id}`);
    }),
  );
  if (!offers.data || offers.data.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="teams-pool-title" data-testid="pool-offers">
      <h2 id="teams-pool-title">{t("pool.title")}</h2>
      <ErrorBanner error={claim.error} />
      <ul className="teams-list">
        {offers.data.map((offer) => (
          <li key={offer.projectId}>
            <span>{t("pool.offer", { project: offer.projectName, count: offer.available })}</span>{" "}
            <button
              type="button"
              className="button button--small"
              disabled={claim.pending}
              onClick={() => void claim.submit(offer.projectId)}
              aria-label={t("pool.claimIn", { project: offer.projectName })}
              data-testid="pool-claim"
              data-project-id={offer.projectId}
            >
              {t("pool.claim")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
