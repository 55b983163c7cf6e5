/** A project's quality pages, linked from its page. */
export function ProjectQualityLinks(_: { projectId: number }) {
  return null;
}
