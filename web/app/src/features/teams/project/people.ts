/** Who may be given work in a project: its listed members, else its organisation's members. */
import type { AnnotaClient } from "@annota/api-client";
import type { ProjectPublic } from "@annota/api-client";
import { settle } from "../api/settle";

export interface Person {
  readonly user_id: number;
  readonly username: string;
  readonly role: string;
}

export interface ProjectPeople {
  readonly project: ProjectPublic;
  /** People who may hold a seat on the project's jobs, by username. */
  readonly people: readonly Person[];
  /** The project lists its own members (it is restricted to them). */
  readonly restricted: boolean;
}

/** Site admins list users to staff a personal project; everyone else gets the project's owner. */
const USERS_PAGE = 200;

export async function loadProjectPeople(api: AnnotaClient, projectId: number): Promise<ProjectPeople> {
  const project = await api.getProject(projectId);
  const organizationId = project.organization_id;
  if (organizationId === null) {
    const users = await settle(api.raw.GET("/api/users", { params: { query: { page: 1, page_size: USERS_PAGE } } })).catch(
      () => null, // not a site admin: only the owner is known
    );
    const people = users
      ? users.items.map((u) => ({ user_id: u.id, username: u.username, role: u.is_admin ? "admin" : "user" }))
      : [];
    return { project, people: byName(people), restricted: false };
  }
  const [organizationMembers, projectMembers] = await Promise.all([
    settle(api.raw.GET("/api/organizations/{organization_id}/members", { params: { path: { organization_id: organizationId } } })),
    settle(api.raw.GET("/api/projects/{project_id}/members", { params: { path: { project_id: projectId } } })),
  ]);
  const restricted = projectMembers.length > 0;
  return { project, people: byName(restricted ? projectMembers : organizationMembers), restricted };
}

function byName(people: Person[]): Person[] {
  return [...people].sort((a, b) => a.username.localeCompare(b.username));
}

/** A person's name from their id; `null` when the id is not one of `people` (or there is none). */
export function nameOf(people: readonly Person[], userId: number | null): string | null {
  if (userId === null) return null;
  return people.find((p) => p.user_id === userId)?.username ?? null;
}
