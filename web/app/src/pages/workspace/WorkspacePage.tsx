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
import { Loading } from "../../ui/Loading";
import { PageError } from "../../ui/PageError";
import { idParam } from "../listParams";
import { NotFoundPage } from "../NotFoundPage";
import { loadWorkspace, type WorkspaceData } from "./loadWorkspace";
import { useWorkspaceServices } from "./services";
import { Workspace } from "./Workspace";

const imageUrl = (mediaId: number) => `/api/media/${mediaId}/display`;

/** `/jobs/:jobId?frame=N`: the annotation workspace of one job, opened at frame N (else its first). */
export function WorkspacePage() {
  const jobId = idParam(useParams().jobId);
  return jobId === null ? <NotFoundPage /> : <WorkspaceLoader key={jobId} jobId={jobId} />;
}

interface Loaded {
  readonly data: WorkspaceData;
  readonly store: QueueStore;
  readonly startFrame: number;
}

function WorkspaceLoader({ jobId }: { jobId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const services = useWorkspaceServices();
  const [params, setParams] = useSearchParams();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [controller, setController] = useState<WorkspaceController | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [retry, setRetry] = useState(0);
  const [images] = useState(() => services.createImageCache());
  const requestedFrame = params.has("frame") ? Number(params.get("frame")) : null;
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
        const data = await loadWorkspace(api, services.extra, storeOpen, jobId, { startFrame: frame, preload: (id) => images.preload([imageUrl(id)]) });
        const store = await storeOpen;
        const startFrame = frame ?? data.job.frame_start;
        performance.mark("annota:workspace-data");
        if (current) setLoaded({ data, store, startFrame });
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
    const { data, store, startFrame } = loaded;
    const engine = new SaveEngine({
      jobId,
      revision: data.queue.entries.length > 0 ? (data.queue.revision ?? data.document.revision) : data.document.revision,
      transport: httpSaveTransport(api),
      store,
      restored: data.queue.entries,
    });
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
    });
    built.onFrameChange = (frame) => setParamsRef.current({ frame: String(frame) }, { replace: true });
    setController(built);
    return () => {
      built.destroy();
      setController(null);
    };
  }, [loaded, api, images, jobId]);

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
  return <Workspace controller={controller} data={loaded.data} />;
}
