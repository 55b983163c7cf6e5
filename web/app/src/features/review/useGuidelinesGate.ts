/**
 * The guidelines gate of an open job: the project's current guidelines are read when the job opens
 * and whenever the server refuses a save with 409 `guidelines_not_acknowledged`; while this person must
 * acknowledge them the gate is open. Acknowledging closes it and sends the refused save again.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { GUIDELINES_NOT_ACKNOWLEDGED } from "../../workspace/api/annotations";
import type { WorkspaceController } from "../../workspace/session/controller";
import { refusalOf, type Guidelines, type ReviewRoutes } from "./reviewApi";
import { asApiError } from "./reviewSession";

export interface GuidelinesGate {
  /** The current guidelines as last read (null until read, or when they could not be). */
  readonly guidelines: Guidelines | null;
  /** The gate is open: work waits until they are acknowledged. */
  readonly open: boolean;
  readonly busy: boolean;
  readonly error: string | null;
  acknowledge(): Promise<void>;
}

/** Whether saving is refused until the guidelines are acknowledged. */
export function refusedForGuidelines(controller: WorkspaceController): boolean {
  const save = controller.snapshot().save;
  return save.status === "rejected" && save.errors.some((e) => e.type === GUIDELINES_NOT_ACKNOWLEDGED);
}

export function useGuidelinesGate(controller: WorkspaceController, projectId: number, routes: ReviewRoutes): GuidelinesGate {
  const [guidelines, setGuidelines] = useState<Guidelines | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refused = useSyncExternalStore(controller.subscribe, () => refusedForGuidelines(controller));

  const read = useCallback(
    () =>
      routes.guidelines(projectId).then(
        (g) => {
          setGuidelines(g);
          return g;
        },
        () => null, // no gate when they cannot be read: a refused save reopens the question
      ),
    [routes, projectId],
  );
  useEffect(() => {
    void read();
  }, [read]);
  useEffect(() => {
    if (refused) void read();
  }, [refused, read]);

  const acknowledge = async () => {
    const version = guidelines?.version;
    if (version === null || version === undefined) return;
    setBusy(true);
    setError(null);
    try {
      await routes.acknowledge(projectId, version);
      setGuidelines((g) => (g === null ? g : { ...g, acknowledged_version: version, must_acknowledge: false }));
      if (refusedForGuidelines(controller)) await controller.engine.retry();
    } catch (reason) {
      // A newer version was published meanwhile: show that one.
      if (refusalOf(reason) === "stale_guidelines_version") await read();
      else setError(asApiError(reason).message);
    } finally {
      setBusy(false);
    }
  };

  return { guidelines, open: guidelines?.must_acknowledge === true || refused, busy, error, acknowledge };
}
