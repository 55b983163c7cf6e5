/** Adding media to a task from the project's connected cloud storage. */
export function TaskCloudMedia(_: { taskId: number; projectId: number; onAdded: () => void }) {
  return null;
}
