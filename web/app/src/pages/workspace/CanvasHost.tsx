import { type Ref, useSyncExternalStore } from "react";
import type { WorkspaceController } from "../../workspace/session/controller";
import type { ImageState } from "../../workspace/session/snapshot";

interface CanvasHostProps {
  readonly ref: Ref<HTMLDivElement>;
  readonly controller: WorkspaceController;
  readonly imageState: ImageState;
}

/**
 * The element the canvas core fills. It carries the viewport (scale and image origin, CSS pixels) as
 * data attributes, which is how browser tests turn image coordinates into mouse positions.
 */
export function CanvasHost({ ref, controller, imageState }: CanvasHostProps) {
  const view = useSyncExternalStore(controller.subscribeView, controller.viewSnapshot);
  return (
    <div
      ref={ref}
      className="workspace__canvas"
      data-testid="workspace-canvas"
      data-image={imageState}
      data-scale={view.scale}
      data-offset-x={view.offsetX}
      data-offset-y={view.offsetY}
    />
  );
}
