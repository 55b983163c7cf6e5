import { useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../format/format";
import type { WorkspaceController } from "../../workspace/session/controller";
import type { WorkspaceSnapshot } from "../../workspace/session/snapshot";

/** The pointer in image pixels (it re-renders on every move, alone). */
function CursorReadout({ controller }: { controller: WorkspaceController }) {
  const { t, i18n } = useTranslation();
  const cursor = useSyncExternalStore(controller.subscribeCursor, controller.cursorSnapshot);
  const fmt = (v: number) => formatNumber(i18n.language, v, 1);
  return (
    <span className="status-bar__item" data-testid="cursor-readout" data-x={cursor?.x} data-y={cursor?.y}>
      {cursor === null ? t("workspace.status.noCursor") : t(cursor.inside ? "workspace.status.cursor" : "workspace.status.cursorOutside", { x: fmt(cursor.x), y: fmt(cursor.y) })}
    </span>
  );
}

function ZoomReadout({ controller }: { controller: WorkspaceController }) {
  const { t, i18n } = useTranslation();
  const view = useSyncExternalStore(controller.subscribeView, controller.viewSnapshot);
  return (
    <span className="status-bar__item" data-testid="zoom-readout">
      {t("workspace.status.zoom", { value: formatNumber(i18n.language, view.scale * 100, 0) })}
    </span>
  );
}

export function StatusBar({ controller, snap }: { controller: WorkspaceController; snap: WorkspaceSnapshot }) {
  const { t } = useTranslation();
  const media = controller.frames[controller.frameIndex];
  return (
    <footer className="status-bar">
      <CursorReadout controller={controller} />
      <ZoomReadout controller={controller} />
      {media?.width != null && media.height != null && <span className="status-bar__item">{t("workspace.status.size", { width: media.width, height: media.height })}</span>}
      <span className="status-bar__item" data-testid="tool-state">
        {t("workspace.status.tool", { tool: t(`workspace.tools.${snap.tool}`), state: snap.toolState })}
      </span>
      <span className="status-bar__item">{t("workspace.status.objects", { count: snap.objects.length })}</span>
    </footer>
  );
}
