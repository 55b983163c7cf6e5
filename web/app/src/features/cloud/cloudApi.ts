/** The cloud storage calls, over the typed raw client; each fails with ApiError like the client's own. */
import { type AnnotaClient, ApiError, isAbortError } from "@annota/api-client";
import type { CloudMediaImport, CloudStorageCreate, CloudStoragePublic, MediaAdded, ObjectListing } from "./types";

interface Settled<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

async function settle<D>(pending: Promise<Settled<D>>): Promise<D> {
  let result: Settled<D>;
  try {
    result = await pending;
  } catch (cause) {
    if (isAbortError(cause)) throw cause;
    throw ApiError.network(cause);
  }
  const { response } = result;
  if (!response.ok) throw ApiError.fromResponse(response.status, result.error, response.statusText);
  return result.data as D;
}

/** Whether a failure means "not yours to see": the section is then not shown at all. */
export function isOutOfReach(error: ApiError | null): boolean {
  return error !== null && (error.status === 403 || error.status === 404);
}

export function listStorages(api: AnnotaClient, projectId: number): Promise<CloudStoragePublic[]> {
  return settle(api.raw.GET("/api/projects/{project_id}/cloud-storages", { params: { path: { project_id: projectId } } }));
}

export function connectStorage(api: AnnotaClient, projectId: number, body: CloudStorageCreate): Promise<CloudStoragePublic> {
  return settle(
    api.raw.POST("/api/projects/{project_id}/cloud-storages", { params: { path: { project_id: projectId } }, body }),
  );
}

export async function removeStorage(api: AnnotaClient, storageId: number): Promise<void> {
  await settle(api.raw.DELETE("/api/cloud-storages/{storage_id}", { params: { path: { storage_id: storageId } } }));
}

export function listObjects(api: AnnotaClient, storageId: number, prefix: string, limit: number): Promise<ObjectListing> {
  return settle(
    api.raw.GET("/api/cloud-storages/{storage_id}/objects", {
      params: { path: { storage_id: storageId }, query: { prefix, limit } },
    }),
  );
}

export function addCloudMedia(api: AnnotaClient, taskId: number, body: CloudMediaImport): Promise<MediaAdded> {
  return settle(api.raw.POST("/api/tasks/{task_id}/media/cloud", { params: { path: { task_id: taskId } }, body }));
}
