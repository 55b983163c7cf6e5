import type { JobPublic, TaskPublic } from "@annota/api-client";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { WorkspaceController } from "../../workspace/session/controller";
import type { WorkspaceSnapshot } from "../../workspace/session/snapshot";
import { LocaleSwitch } from "../../ui/LocaleSwitch";
import { SaveBadge } from "./SaveBadge";

interface TopBarProps {
  controller: WorkspaceController;
  snap: WorkspaceSnapshot;
  job: JobPublic;
  task: TaskPublic;
  /** A video job: the position reads as a frame number. */
  video?: boolean;
  onHelp: () => void;
  onGuidelines: () => void;
  /** The job's workflow actions (submit, review), beside the save state. */
  children?: ReactNode;
}

export function TopBar({ controller, snap, job, task, video = false, onHelp, onGuidelines, children }: TopBarProps) {
  const { t } = useTranslation();
  const index = controller.frameIndex;
  const media = controller.frames[index];
  return (
    <header className="workspace__top">
      <Link to={`/tasks/${task.id}`} className="workspace__back" data-testid="workspace-back">
        {t("workspace.back", { task: task.name })}
      </Link>
      <span className="workspace__title">{t("workspace.title", { id: job.id })}</span>
      <div className="frame-nav" role="group" aria-label={t("workspace.frames.label")}>
        {!video && (
          <button type="button" className="button button--small" onClick={() => void controller.step(-1)} disabled={index <= 0} aria-label={t("workspace.frames.previous")} title={t("workspace.frames.previous")} data-testid="frame-prev">
            {"◀"}
          </button>
        )}
        <span className="frame-nav__where" data-testid="frame-indicator" data-frame={snap.frame}>
          {video
            ? t("video.position", { frame: snap.frame, first: controller.frames[0]?.frame ?? 0, last: controller.frames.at(-1)?.frame ?? 0 })
            : t("workspace.frames.position", { n: index + 1, total: controller.frames.length, name: media?.name ?? "" })}
        </span>
        {!video && (
          <>
            <button
              type="button"
              className="button button--small"
              onClick={() => void controller.step(1)}
              disabled={index >= controller.frames.length - 1}
              aria-label={t("workspace.frames.next")}
              title={t("workspace.frames.next")}
              data-testid="frame-next"
            >
              {"▶"}
            </button>
            <button type="button" className="button button--small" onClick={() => void controller.finishAndNext()} data-testid="frame-finish">
              {t("workspace.frames.finish")}
            </button>
          </>
        )}
      </div>
      <SaveBadge save={snap.save} unflushed={snap.unflushed} onSave={() => void controller.saveNow()} />
      {children}
      <div className="workspace__top-tools">
        <button type="button" className="button button--small" onClick={onGuidelines} data-testid="guidelines-open">
          {t("workspace.guidelines.open")}
        </button>
        <button type="button" className="button button--small" onClick={onHelp} aria-label={t("workspace.help.open")} data-testid="help-open">
          {"?"}
        </button>
        <LocaleSwitch />
      </div>
    </header>
  );
}
