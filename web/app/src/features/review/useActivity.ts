/**
 * Working time from the open editor: input anywhere in the page marks the person active, a hidden tab
 * stops the count, and each diff queued for saving counts the objects it creates and edits. The
 * heartbeats go to `POST /api/jobs/{id}/activity`; leaving the job sends what is left.
 */
import { useEffect, useState } from "react";
import type { ServerDiff } from "../../workspace/document/wire";
import type { WorkspaceController } from "../../workspace/session/controller";
import { ActivityTracker, type ActivityClock } from "./activity";
import type { ReviewRoutes } from "./reviewApi";

const INPUT_EVENTS = ["keydown", "pointerdown", "pointermove", "wheel"] as const;

/** Objects a diff creates, and those it changes or deletes. */
export function outputOf(diff: ServerDiff): { created: number; edited: number } {
  const parts = [diff.shapes, diff.tags, diff.tracks];
  let created = 0;
  let edited = 0;
  for (const p of parts) {
    if (p === undefined) continue;
    created += p.create.length;
    edited += p.update.length + p.delete.length;
  }
  return { created, edited };
}

export function useActivity(controller: WorkspaceController, routes: ReviewRoutes, clock?: ActivityClock): ActivityTracker {
  const [tracker] = useState(() => new ActivityTracker({ send: (beat) => routes.heartbeat(controller.jobId, beat), ...(clock ? { clock } : {}) }));
  useEffect(() => {
    const onInput = () => tracker.input();
    const onVisibility = () => {
      // Hiding the tab often comes before closing it: what was measured goes now.
      if (document.visibilityState === "hidden") {
        tracker.hidden();
        void tracker.flush();
      } else tracker.input();
    };
    for (const type of INPUT_EVENTS) window.addEventListener(type, onInput, { passive: true, capture: true });
    document.addEventListener("visibilitychange", onVisibility);
    controller.onQueued = (diff) => {
      const { created, edited } = outputOf(diff);
      tracker.objects(created, edited);
    };
    // Opening the job is the first sign of work.
    tracker.input();
    return () => {
      for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput, { capture: true });
      document.removeEventListener("visibilitychange", onVisibility);
      controller.onQueued = () => {};
      void tracker.stop();
    };
  }, [controller, tracker]);
  return tracker;
}
