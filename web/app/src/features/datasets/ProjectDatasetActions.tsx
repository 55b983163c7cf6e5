/** Import and export on a project's page. */
export function ProjectDatasetActions(_: { projectId: number }) {
  return null;
}
