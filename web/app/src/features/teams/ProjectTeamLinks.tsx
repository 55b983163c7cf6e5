/** A project's team pages (dashboard, members, audit, time), linked from its page. */
export function ProjectTeamLinks(_: { projectId: number }) {
  return null;
}
