/** What a workspace controller is built from. */
import type { CanvasFacade, CanvasOptions, DrawMode, ViewOptions } from "@annota/canvas-core";
import type { JobDocument } from "../document/jobDocument";
import type { WorkspaceLabel } from "../labels";
import type { FrameSource } from "../media/frameSource";
import type { ImageCache } from "../media/imageCache";
import type { SaveEngine } from "../save/saveEngine";

export interface FrameMedia {
  readonly frame: number;
  readonly mediaId: number;
  readonly name: string;
  readonly width: number | null;
  readonly height: number | null;
}

export interface WorkspaceSetup {
  readonly jobId: number;
  /** The job's frames in order, each with its image. */
  readonly frames: readonly FrameMedia[];
  readonly labels: readonly WorkspaceLabel[];
  readonly document: JobDocument;
  readonly engine: SaveEngine;
  readonly images: ImageCache;
  readonly imageUrl: (mediaId: number) => string;
  /** Fetches the server's document again (conflict resolution, a tracker's keyframes). */
  readonly loadDocument: () => Promise<JobDocument>;
  readonly startFrame: number;
  readonly view?: Partial<ViewOptions>;
  readonly newId?: () => string;
  /** Where frames' pictures come from (default: the images of `frames` through `images`). */
  readonly media?: FrameSource;
  /** Load the whole job into the canvas once and switch frames in it (a video job). */
  readonly wholeJob?: boolean;
  /** What the drawing tools make at first (the canvas default: shapes). */
  readonly drawMode?: DrawMode;
}

export type CreateCanvas = (container: HTMLElement, options: CanvasOptions) => CanvasFacade;
