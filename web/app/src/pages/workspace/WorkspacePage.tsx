import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router-dom";
import { useApi } from "../../api/ApiContext";
import { toApiError } from "../../api/toApiError";
import { httpSaveTransport, loadJobDocument } from "../../workspace/api/annotations";
import { WorkspaceError } from "../../workspace/errors";
import type { QueueStore } from "../../workspace/save/queueStore";
import { SaveEngine } from "../../workspace/save/saveEngine";
import { WorkspaceController } from "../../workspace/session/controller";
import { focusObject, frameOfObject } from "../../workspace/session/focus";
import { Loading } from "../../ui/Loading";
import { FrameStore } from "../../video/media/frameStore";
import { defaultVideoServices, type VideoServices } from "../../video/services";
import { VideoSession } from "../../video/session/videoSession";
import { PageError } from "../../ui/PageError";
import { idParam } from "../listParams";
import { NotFoundPage } from "../NotFoundPage";
import { loadWorkspace, type WorkspaceData } from "./loadWorkspace";
import { useWorkspaceServices } from "./services";
import { Workspace } from "./Workspace";

const imageUrl = (mediaId: number) => `/api/media/${mediaId}/display`;
/** During playback the frame changes 30 times a second: the URL follows every so often, and at once when it stops. */
const VIDEO_URL_DELAY_MS = 300;

/** A video job's frames, decoded from the task's chunks. */
function videoFrames(data: WorkspaceData, services: VideoServices): FrameStore | null {
  const video = data.video;
  if (video === null) return null;
  return new FrameStore({
    first: data.frames[0]?.frame ?? 0,
    last: data.frames.at(-1)?.frame ?? 0,
    chunkSize: video.chunkSize,
    frameBytes: video.width * video.height * 4,
    fetchChunk: (chunk, signal) => services.routes.chunk(video.taskId, chunk, signal),
    fetchFrame: (frame, signal) => services.routes.frame(video.taskId, frame, signal),
    decode: services.decode,
  });
}

/**
 * `/jobs/:jobId?frame=N&object=ID`: the annotation workspace of one job, opened at frame N (else the
 * frame of object ID, else its first), with object ID selected and centred (quality reports link here).
 */
export function WorkspacePage() {
  const jobId = idParam(useParams().jobId);
  return jobId === null ? <NotFoundPage /> : <WorkspaceLoader key={jobId} jobId={jobId} />;
}

interface Loaded {
  readonly data: WorkspaceData;
  readonly store: QueueStore;
  readonly startFrame: number;
  /** The object to select and centre once the first frame shows. */
  readonly focus: string | null;
}

function WorkspaceLoader({ jobId }: { jobId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const services = useWorkspaceServices();
  const [params, setParams] = useSearchParams();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [controller, setController] = useState<WorkspaceController | null>(null);
  const [video, setVideo] = useState<VideoSession | null>(null);
  const [videoServices] = useState(() => services.video ?? defaultVideoServices());
  const [error, setError] = useState<unknown>(null);
  const [retry, setRetry] = useState(0);
  const [images] = useState(() => services.createImageCache());
  const requestedFrame = params.has("frame") ? Number(params.get("frame")) : null;
  const requestedObject = params.get("object");
  // The router gives a new setter on each navigation; the controller must outlive those.
  const setParamsRef = useRef(setParams);
  setParamsRef.current = setParams;

  useEffect(() => {
    let current = true;
    setError(null);
    void (async () => {
      try {
        const storeOpen = services.openStore();
        const frame = requestedFrame !== null && Number.isInteger(requestedFrame) ? requestedFrame : null;
        const data = await loadWorkspace(api, services.extra, storeOpen, jobId, {
          startFrame: frame,
          preload: (id) => images.preload([imageUrl(id)]),
          videoInfo: (taskId) => videoServices.routes.video(taskId),
        });
        const store = await storeOpen;
        const objectFrame = requestedObject === null ? null : frameOfObject(data.document, requestedObject);
        const startFrame = frame ?? objectFrame ?? data.job.frame_start;
        performance.mark("annota:workspace-data");
        if (current) setLoaded({ data, store, startFrame, focus: requestedObject });
      } catch (reason) {
        if (current) setError(reason);
      }
    })();
    return () => {
      current = false;
    };
    // The frame in the URL is read when the job opens; the controller updates it afterwards.
  }, [api, services, jobId, retry]);

  useEffect(() => {
    if (loaded === null) return;
    const { data, store, startFrame, focus } = loaded;
    const engine = new SaveEngine({
      jobId,
      revision: data.queue.entries.length > 0 ? (data.queue.revision ?? data.document.revision) : data.document.revision,
      transport: httpSaveTransport(api),
      store,
      restored: data.queue.entries,
    });
    const frames = videoFrames(data, videoServices);
    const built = new WorkspaceController({
      jobId,
      frames: data.frames,
      labels: data.labels,
      document: data.document,
      engine,
      images,
      imageUrl,
      loadDocument: () => loadJobDocument(api, jobId),
      startFrame,
      view: data.preferences.view,
      ...(frames === null ? {} : { media: frames, wholeJob: true, drawMode: "track" as const }),
    });
    const session =
      frames === null || data.video === null
        ? null
        : new VideoSession({ controller: built, frames, info: data.video, routes: videoServices.routes, clock: videoServices.clock, pollTimers: videoServices.pollTimers });
    let urlTimer: ReturnType<typeof setTimeout> | null = null;
    const setUrl = (frame: number) => {
      if (urlTimer !== null) clearTimeout(urlTimer);
      urlTimer = null;
      setParamsRef.current({ frame: String(frame) }, { replace: true });
    };
    built.onFrameChange = (frame) => {
      if (session === null || !session.player.state().playing) setUrl(frame);
      else if (urlTimer === null) urlTimer = setTimeout(() => setUrl(built.snapshot().frame), VIDEO_URL_DELAY_MS);
    };
    // Playback stopped: the URL names the frame on screen at once (a reload opens there).
    const unwatch = session?.player.subscribe(() => {
      if (!session.player.state().playing) setUrl(built.snapshot().frame);
    });
    // `?object=`: selected and centred once the first frame shows.
    const unfocus =
      focus === null
        ? () => {}
        : built.subscribe(() => {
            if (built.snapshot().imageState !== "ready") return;
            unfocus();
            if (!focusObject(built, focus)) built.say("canvasError.not_found");
          });
    setController(built);
    setVideo(session);
    return () => {
      unfocus();
      unwatch?.();
      if (urlTimer !== null) clearTimeout(urlTimer);
      built.destroy();
      session?.destroy();
      setController(null);
      setVideo(null);
    };
  }, [loaded, api, images, jobId, videoServices]);

  if (error instanceof WorkspaceError) {
    return <PageError error={toApiError(new Error(t("workspace.unreadable", { detail: error.message })))} />;
  }
  if (error !== null) {
    return (
      <div className="workspace-error">
        <PageError error={toApiError(error)} />
        <button type="button" className="button" onClick={() => setRetry((r) => r + 1)}>
          {t("workspace.retry")}
        </button>
      </div>
    );
  }
  if (loaded === null || controller === null) return <Loading />;
  return <Workspace controller={controller} data={loaded.data} video={video} />;
}
