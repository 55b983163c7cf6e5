import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { ACTION_GROUPS, ACTIONS, type ActionId } from "../../workspace/hotkeys/actions";
import { keymap } from "../../workspace/hotkeys/bindings";
import type { WorkspaceController } from "../../workspace/session/controller";
import { runAction } from "../../workspace/session/runAction";
import { runVideoAction } from "../../video/session/videoActions";
import type { VideoSession } from "../../video/session/videoSession";
import { TrackPanel } from "../../video/ui/TrackPanel";
import { VideoDock } from "../../video/ui/VideoDock";
import type { WorkspaceData } from "./loadWorkspace";
import { CanvasHost } from "./CanvasHost";
import { ConflictDialog } from "./ConflictDialog";
import { GuidelinesPanel } from "./GuidelinesPanel";
import { LabelPicker } from "./LabelPicker";
import { ObjectsPanel } from "./ObjectsPanel";
import { SelectionPanel } from "./SelectionPanel";
import { useWorkspaceServices } from "./services";
import { ShortcutsDialog } from "./ShortcutsDialog";
import { StatusBar } from "./StatusBar";
import { TagsPanel } from "./TagsPanel";
import { Toast } from "./Toast";
import { ToolBar } from "./ToolBar";
import { ToolOptions } from "./ToolOptions";
import { TopBar } from "./TopBar";
import { usePreferences } from "./usePreferences";
import { useSaveLifecycle } from "./useSaveLifecycle";
import { useWorkspaceKeys } from "./useWorkspaceKeys";
import { ViewPanel } from "./ViewPanel";
import { useUser } from "../../auth/AuthContext";
import { GuidelinesGate } from "../../features/review/GuidelinesGate";
import { IssueOverlay } from "../../features/review/IssueOverlay";
import { IssuesPanel } from "../../features/review/IssuesPanel";
import { JobActions } from "../../features/review/JobActions";
import { useActivity } from "../../features/review/useActivity";
import { refusedForGuidelines, useGuidelinesGate } from "../../features/review/useGuidelinesGate";
import { useReview } from "../../features/review/useReview";

type SideTab = "objects" | "tags" | "view" | "issues";
const SIDE_TABS: readonly Exclude<SideTab, "issues">[] = ["objects", "tags", "view"];
const IMAGE_GROUPS = ACTION_GROUPS.filter((g) => g !== "video");

export function Workspace({ controller, data, video = null }: { controller: WorkspaceController; data: WorkspaceData; video?: VideoSession | null }) {
  const { t } = useTranslation();
  const { t: tr } = useTranslation("review");
  const services = useWorkspaceServices();
  const snap = useSyncExternalStore(controller.subscribe, controller.snapshot);
  const host = useRef<HTMLDivElement>(null);
  const goTo = useRef<HTMLInputElement>(null);
  const [help, setHelp] = useState(false);
  const [guidelines, setGuidelines] = useState(false);
  const [tab, setTab] = useState<SideTab>("objects");
  const { shortcuts, saveShortcuts } = usePreferences(services.extra, data.preferences, snap.view);
  // An image job leaves the video keys to the browser and the canvas.
  const keys = useMemo(() => new Map([...keymap(shortcuts)].filter(([, action]) => video !== null || ACTIONS[action].group !== "video")), [shortcuts, video]);
  const review = useReview(controller, data.job, useUser());
  const gate = useGuidelinesGate(controller, data.project.id, review.routes);
  const activity = useActivity(controller, review.routes);
  // A save refused for unread guidelines waits for the guidelines gate, not for the conflict dialog.
  const blocked = (snap.save.status === "conflict" || snap.save.status === "rejected") && !refusedForGuidelines(controller);

  useEffect(() => {
    if (host.current !== null) controller.mount(host.current, services.createCanvas);
  }, [controller, services]);

  useSaveLifecycle(controller);
  const runReview = (action: ActionId): boolean => {
    if (ACTIONS[action].group !== "review") return false;
    setTab("issues");
    if (action === "review.newIssue") review.session.setDrawing(review.mayOpen && !review.snap.drawing);
    else void review.step(action === "review.nextIssue" ? 1 : -1);
    return true;
  };
  const run = (action: ActionId) => {
    if (runReview(action)) return;
    if (video !== null && runVideoAction(video, action, { focusGoTo: () => goTo.current?.select() })) return;
    runAction(controller, action, { toggleHelp: () => setHelp((h) => !h), toggleGuidelines: () => setGuidelines((g) => !g) });
  };
  useWorkspaceKeys(keys, run, !help && !blocked && !gate.open);

  return (
    <div
      className={video === null ? "workspace" : "workspace workspace--video"}
      data-testid="workspace"
      data-ready={snap.imageState === "ready"}
      data-frame={snap.frame}
      data-objects={snap.objects.length}
      data-video={video !== null}
    >
      <TopBar controller={controller} snap={snap} job={data.job} task={data.task} video={video !== null} onHelp={() => setHelp(true)} onGuidelines={() => setGuidelines((g) => !g)}>
        <JobActions controller={controller} job={data.job} routes={review.routes} beforeMove={() => activity.flush()} />
      </TopBar>
      <div className="workspace__body">
        <ToolBar controller={controller} snap={snap} shortcuts={shortcuts} />
        <div className="workspace__stage">
          <ToolOptions controller={controller} snap={snap} />
          <CanvasHost ref={host} controller={controller} imageState={snap.imageState} />
          <IssueOverlay controller={controller} review={review} />
          {snap.imageState === "loading" && <div className="workspace__overlay">{t("workspace.imageLoading")}</div>}
          {snap.imageState === "error" && (
            <div className="workspace__overlay workspace__overlay--error" role="alert">
              {t("workspace.imageFailed")}
              <button type="button" className="button button--small" onClick={() => void controller.goToFrame(snap.frame)}>
                {t("workspace.retry")}
              </button>
            </div>
          )}
        </div>
        <aside className="workspace__side" aria-label={t("workspace.side")}>
          <LabelPicker controller={controller} snap={snap} />
          {video !== null && <TrackPanel session={video} snap={snap} />}
          <SelectionPanel controller={controller} snap={snap} />
          <div className="side-tabs" role="tablist">
            {SIDE_TABS.map((id) => (
              <button key={id} type="button" role="tab" aria-selected={tab === id} className="side-tabs__tab" onClick={() => setTab(id)} data-testid={`side-tab-${id}`}>
                {t(`workspace.sideTabs.${id}`)}
              </button>
            ))}
            <button type="button" role="tab" aria-selected={tab === "issues"} className="side-tabs__tab" onClick={() => setTab("issues")} data-testid="side-tab-issues">
              {tr("tab", { open: review.snap.issues.filter((i) => i.status === "open").length })}
            </button>
          </div>
          <div className="side-tabs__panel" role="tabpanel">
            {tab === "objects" && <ObjectsPanel controller={controller} snap={snap} />}
            {tab === "tags" && <TagsPanel controller={controller} snap={snap} />}
            {tab === "view" && <ViewPanel controller={controller} snap={snap} />}
            {(tab === "issues" || review.snap.draft !== null) && <IssuesPanel review={review} />}
          </div>
        </aside>
        {guidelines && <GuidelinesPanel project={data.project} guidelines={gate.guidelines} onClose={() => setGuidelines(false)} />}
      </div>
      {video !== null && <VideoDock session={video} snap={snap} goToRef={goTo} />}
      <StatusBar controller={controller} snap={snap} />
      {blocked && <ConflictDialog controller={controller} snap={snap} />}
      {gate.open && <GuidelinesGate gate={gate} />}
      {help && <ShortcutsDialog shortcuts={shortcuts} groups={video === null ? IMAGE_GROUPS : ACTION_GROUPS} onSave={saveShortcuts} onClose={() => setHelp(false)} />}
      <Toast message={snap.message} />
    </div>
  );
}
