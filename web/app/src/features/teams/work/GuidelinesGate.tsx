import { type ReactNode, useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../../api/ApiContext";
import { useSubmit } from "../../../api/useSubmit";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { MarkdownView } from "../../../ui/MarkdownView";
import { isGuidelinesRefusal, settle } from "../api/settle";
import type { GuidelinesPublic } from "../api/types";

interface Waiting {
  guidelines: GuidelinesPublic;
  then: () => Promise<void>;
}

export interface GuidelinesGate {
  /**
   * Runs `action` once the caller has acknowledged the project's current guidelines: at once when
   * nothing is asked, else after "I have read them" in the dialog. A 409 `guidelines_not_acknowledged`
   * from `action` (the guidelines changed meanwhile) shows the dialog too, and retries after.
   */
  guard: (projectId: number, action: () => Promise<void>) => Promise<void>;
  /** The dialog; render it somewhere on the page. */
  dialog: ReactNode;
}

export function useGuidelinesGate(): GuidelinesGate {
  const api = useApi();
  const [waiting, setWaiting] = useState<Waiting | null>(null);

  const load = useCallback(
    (projectId: number) =>
      settle(api.raw.GET("/api/projects/{project_id}/guidelines", { params: { path: { project_id: projectId } } })),
    [api],
  );

  const guard = useCallback(
    async (projectId: number, action: () => Promise<void>) => {
      const guidelines = await load(projectId);
      const attempt = async (): Promise<void> => {
        try {
          await action();
        } catch (error) {
          if (!isGuidelinesRefusal(error)) throw error;
          setWaiting({ guidelines: await load(projectId), then: action });
        }
      };
      if (guidelines.must_acknowledge) setWaiting({ guidelines, then: attempt });
      else await attempt();
    },
    [load],
  );

  const dialog = waiting && (
    <GuidelinesDialog waiting={waiting} onDone={() => setWaiting(null)} onCancel={() => setWaiting(null)} />
  );
  return { guard, dialog };
}

function GuidelinesDialog({ waiting, onDone, onCancel }: { waiting: Waiting; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation("teams");
  const api = useApi();
  const { guidelines } = waiting;
  const acknowledge = useSubmit(async () => {
    if (guidelines.version !== null) {
      await settle(
        api.raw.POST("/api/projects/{project_id}/guidelines/acknowledge", {
          params: { path: { project_id: guidelines.project_id } },
          body: { version: guidelines.version },
        }),
      );
    }
    await waiting.then();
    return true;
  });
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog dialog--wide"
        role="dialog"
        aria-modal="true"
        aria-labelledby="teams-guidelines-title"
        data-testid="guidelines-dialog"
      >
        <h2 className="dialog__title" id="teams-guidelines-title">
          {t("guidelines.title", { version: guidelines.version ?? 0 })}
        </h2>
        <p className="muted">{t("guidelines.why")}</p>
        <div className="teams-guidelines__body">
          <MarkdownView text={guidelines.body} />
        </div>
        <ErrorBanner error={acknowledge.error} />
        <div className="form__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={acknowledge.pending}
            onClick={async () => {
              if (await acknowledge.submit()) onDone();
            }}
            data-testid="guidelines-acknowledge"
          >
            {t("guidelines.acknowledge")}
          </button>
          <button type="button" className="button button--ghost" onClick={onCancel} data-testid="guidelines-cancel">
            {t("common.cancel")}
          </button>
        </div>
      </div>
    </div>
  );
}
