/**
 * What the workspace uses besides the API client, replaceable in tests: the routes the client does not
 * describe yet, the save queue's store, the canvas factory, and what video jobs use (routes, decoder,
 * clock; the defaults when a test leaves them out).
 */
import { createCanvas } from "@annota/canvas-core";
import { createContext, useContext, type ReactNode } from "react";
import { createExtraRoutes, type ExtraRoutes } from "../../workspace/api/extraRoutes";
import { ImageCache } from "../../workspace/media/imageCache";
import { openQueueStore, type QueueStore } from "../../workspace/save/queueStore";
import type { CreateCanvas } from "../../workspace/session/controller";
import { defaultVideoServices, type VideoServices } from "../../video/services";

export interface WorkspaceServices {
  readonly extra: ExtraRoutes;
  readonly openStore: () => Promise<QueueStore>;
  readonly createCanvas: CreateCanvas;
  readonly createImageCache: () => ImageCache;
  readonly video?: VideoServices;
}

let sharedStore: Promise<QueueStore> | null = null;

export const DEFAULT_SERVICES: WorkspaceServices = {
  extra: createExtraRoutes(),
  // One connection for the page's life: every job shares it.
  openStore: () => (sharedStore ??= openQueueStore()),
  createCanvas,
  createImageCache: () => new ImageCache(),
  video: defaultVideoServices(),
};

const ServicesContext = createContext<WorkspaceServices>(DEFAULT_SERVICES);

export function WorkspaceServicesProvider({ services, children }: { services: WorkspaceServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useWorkspaceServices(): WorkspaceServices {
  return useContext(ServicesContext);
}
