/**
 * Everything a job workspace needs before it opens, fetched together: the job, its task and project,
 * labels, the images of its frames (or the task's video), the annotations, what this browser still has
 * queued for it, and the user's preferences.
 */
import { ApiError, type AnnotaClient, type JobPublic, type MediaPublic, type ProjectPublic, type TaskPublic } from "@annota/api-client";
import { loadJobDocument } from "../../workspace/api/annotations";
import type { ExtraRoutes } from "../../workspace/api/extraRoutes";
import type { JobDocument } from "../../workspace/document/jobDocument";
import { readLabels, type WorkspaceLabel } from "../../workspace/labels";
import { EMPTY_PREFERENCES, readPreferences, type WorkspacePreferences } from "../../workspace/preferences";
import { foldDiffs } from "../../workspace/save/diffAlgebra";
import type { QueueSnapshot, QueueStore } from "../../workspace/save/queueStore";
import type { FrameMedia } from "../../workspace/session/controller";
import type { VideoInfo } from "../../video/api/videoInfo";

export interface WorkspaceData {
  readonly job: JobPublic;
  readonly task: TaskPublic;
  readonly project: ProjectPublic;
  readonly labels: readonly WorkspaceLabel[];
  readonly frames: readonly FrameMedia[];
  /** The task's video (a video job), else null. */
  readonly video: VideoInfo | null;
  /** The server's document with what is still queued here applied on top. */
  readonly document: JobDocument;
  readonly queue: QueueSnapshot;
  readonly preferences: WorkspacePreferences;
  /** The saved preferences object as a whole (other keys are kept when saving). */
  readonly rawPreferences: Readonly<Record<string, unknown>>;
}

const PAGE = 1000;

async function getJob(api: AnnotaClient, jobId: number): Promise<JobPublic> {
  let result;
  try {
    result = await api.raw.GET("/api/jobs/{job_id}", { params: { path: { job_id: jobId } } });
  } catch (cause) {
    throw ApiError.network(cause);
  }
  if (!result.response.ok || result.data === undefined) throw ApiError.fromResponse(result.response.status, result.error, result.response.statusText);
  return result.data;
}

/** The task's media on the job's frames, in frame order (pages of 1000, only those the job spans). */
async function jobMedia(api: AnnotaClient, job: JobPublic): Promise<MediaPublic[]> {
  const out: MediaPublic[] = [];
  for (let page = Math.floor(job.frame_start / PAGE) + 1; ; page++) {
    const result = await api.listTaskMedia(job.task_id, { page, page_size: PAGE, sort: "frame" });
    out.push(...result.items.filter((m) => m.frame >= job.frame_start && m.frame <= job.frame_stop));
    const last = result.items.at(-1);
    if (last === undefined || last.frame >= job.frame_stop || page * PAGE >= result.count) break;
  }
  return out;
}

async function preferencesOf(extra: ExtraRoutes): Promise<{ raw: Record<string, unknown>; preferences: WorkspacePreferences }> {
  try {
    const raw = await extra.getPreferences();
    return { raw, preferences: readPreferences(raw).preferences };
  } catch {
    // Preferences are a comfort: the workspace opens with the defaults when they cannot be read.
    return { raw: {}, preferences: EMPTY_PREFERENCES };
  }
}

export interface LoadOptions {
  /** The frame the workspace opens at (null: the job's first), whose image starts loading at once. */
  readonly startFrame: number | null;
  /** Starts fetching and decoding an image while the rest loads. */
  readonly preload: (mediaId: number) => void;
  /** `GET /api/tasks/{id}/video`, asked for when the task is a video task. */
  readonly videoInfo: (taskId: number) => Promise<VideoInfo>;
}

/** A video job's frames: the job's range, within what the video holds. */
function videoFrames(job: JobPublic, video: VideoInfo, mediaId: number): FrameMedia[] {
  const out: FrameMedia[] = [];
  const stop = Math.min(job.frame_stop, video.frameCount - 1);
  for (let frame = job.frame_start; frame <= stop; frame++) out.push({ frame, mediaId, name: "", width: video.width, height: video.height });
  return out;
}

export async function loadWorkspace(
  api: AnnotaClient,
  extra: ExtraRoutes,
  store: Promise<QueueStore>,
  jobId: number,
  options: LoadOptions,
): Promise<WorkspaceData> {
  // The URL names the job: its annotations (the largest answer) are asked for before anything else.
  const documentLoad = loadJobDocument(api, jobId);
  const queueLoad = store.then((s) => s.load(jobId));
  const prefsLoad = preferencesOf(extra);
  const job = await getJob(api, jobId);
  // The project and its labels as soon as the task names the project.
  const taskAndLabels = api
    .getTask(job.task_id)
    .then((task) => Promise.all([task, api.getProject(task.project_id), api.listLabels(task.project_id), task.media_kind === "video" ? options.videoInfo(task.id) : null]));
  const mediaLoad = jobMedia(api, job).then((items) => {
    // The image is the largest thing to fetch and decode: it must not wait for the annotations.
    const start = items.find((m) => m.frame === (options.startFrame ?? job.frame_start)) ?? items[0];
    if (start !== undefined && start.mime.startsWith("image/")) options.preload(start.id);
    return items;
  });
  const [[task, project, labels, video], media, document, queue, prefs] = await Promise.all([taskAndLabels, mediaLoad, documentLoad, queueLoad, prefsLoad]);
  if (queue.entries.length > 0) document.apply(foldDiffs(queue.entries.map((e) => e.diff)));
  return {
    job,
    task,
    project,
    labels: readLabels(labels),
    frames: video === null ? media.map((m) => ({ frame: m.frame, mediaId: m.id, name: m.name, width: m.width, height: m.height })) : videoFrames(job, video, media[0]?.id ?? 0),
    video,
    document,
    queue,
    preferences: prefs.preferences,
    rawPreferences: prefs.raw,
  };
}
