import { useEffect } from "react";
import type { WorkspaceController } from "../../workspace/session/controller";

/**
 * Saving around the page's life: back online → send at once; the tab hidden or closed → what the canvas
 * holds is queued (IndexedDB keeps it); closing while something is not yet stored asks first.
 */
export function useSaveLifecycle(controller: WorkspaceController): void {
  useEffect(() => {
    const online = () => void controller.saveNow();
    const hide = () => {
      if (document.visibilityState === "hidden") controller.flush();
    };
    const leave = (e: BeforeUnloadEvent) => {
      controller.flush();
      const { status } = controller.engine.state();
      // Queued changes are stored and sent next time; only a store write still running could be lost.
      if (!controller.engine.state().durable && status !== "saved") {
        e.preventDefault();
        e.returnValue = "";
      }
    };
    const pagehide = () => controller.flush();
    window.addEventListener("online", online);
    document.addEventListener("visibilitychange", hide);
    window.addEventListener("pagehide", pagehide);
    window.addEventListener("beforeunload", leave);
    return () => {
      window.removeEventListener("online", online);
      document.removeEventListener("visibilitychange", hide);
      window.removeEventListener("pagehide", pagehide);
      window.removeEventListener("beforeunload", leave);
    };
  }, [controller]);
}
