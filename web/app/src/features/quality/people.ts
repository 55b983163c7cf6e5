/** Names for the user ids of quality figures: the project's members as far as the caller may list them. */
import type { TFunction } from "i18next";
import { useQuery } from "../../api/useQuery";
import { projectMembers } from "./controlApi";

export type People = ReadonlyMap<number, string>;

/** User id → username of the project's members; empty while loading or when the caller may not list them
 * (the figures then name people by id, which is all the caller may know). */
export function usePeople(projectId: number | null): People {
  const members = useQuery((api) => (projectId === null ? Promise.resolve([]) : projectMembers(api, projectId)), [projectId]);
  return new Map((members.data ?? []).map((m) => [m.user_id, m.username]));
}

type QualityT = TFunction<"quality">;

/** `ada`, `User 7`, or "Unassigned" for work not assigned to anyone. */
export function personName(t: QualityT, people: People, userId: number | null): string {
  if (userId === null) return t("people.nobody");
  return people.get(userId) ?? t("people.user", { id: userId });
}
