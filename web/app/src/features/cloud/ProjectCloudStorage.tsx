/** A project's connected buckets: list, connect, remove (for its managers). */
export function ProjectCloudStorage(_: { projectId: number }) {
  return null;
}
