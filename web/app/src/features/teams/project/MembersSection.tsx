import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../../api/ApiContext";
import { useQuery } from "../../../api/useQuery";
import { useSubmit } from "../../../api/useSubmit";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { settle } from "../api/settle";
import type { Role } from "../api/types";
import { RoleSelect } from "../organizations/RoleName";
import type { ProjectPeople } from "./people";

const PROJECT_ROLES: readonly Role[] = ["manager", "reviewer", "annotator"];

/**
 * A project's own member list. Empty, every member of the organisation works on it by their
 * organisation role; listing anyone restricts the project to the people listed.
 */
export function MembersSection({ team }: { team: ProjectPeople }) {
  const { t } = useTranslation("teams");
  const api = useApi();
  const projectId = team.project.id;
  const organizationId = team.project.organization_id;
  const [version, setVersion] = useState(0);
  const lists = useQuery(
    async (client) => {
      if (organizationId === null) return null;
      const [listed, organization] = await Promise.all([
        settle(client.raw.GET("/api/projects/{project_id}/members", { params: { path: { project_id: projectId } } })),
        settle(client.raw.GET("/api/organizations/{organization_id}/members", { params: { path: { organization_id: organizationId } } })),
      ]);
      return { listed, organization };
    },
    [projectId, organizationId, version],
  );
  const memberPath = (userId: number) => ({ params: { path: { project_id: projectId, user_id: userId } } });
  const setRole = useSubmit(async (userId: number, role: Role) => {
    await settle(api.raw.PUT("/api/projects/{project_id}/members/{user_id}", { ...memberPath(userId), body: { role: role as "manager" } }));
    setVersion((v) => v + 1);
  });
  const remove = useSubmit(async (userId: number) => {
    await settle(api.raw.DELETE("/api/projects/{project_id}/members/{user_id}", memberPath(userId)));
    setVersion((v) => v + 1);
  });

  if (organizationId === null) return <p className="notice">{t("projectMembers.personal")}</p>;
  if (lists.error) return <ErrorBanner error={lists.error} />;
  if (!lists.data) return <Loading />;
  const { listed, organization } = lists.data;
  const addable = organization.filter((m) => m.role !== "owner" && !listed.some((l) => l.user_id === m.user_id));
  return (
    <section className="panel" aria-labelledby="teams-project-members-title" data-testid="team-members">
      <h2 id="teams-project-members-title">{t("projectMembers.title")}</h2>
      <p className="muted">{listed.length === 0 ? t("projectMembers.open") : t("projectMembers.restricted")}</p>
      <ErrorBanner error={setRole.error ?? remove.error} />
      {listed.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("members.columns.username")}</th>
              <th scope="col">{t("members.columns.role")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("work.columns.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {listed.map((member) => (
              <tr key={member.user_id} data-testid="project-member-row" data-username={member.username} data-role={member.role}>
                <td>{member.username}</td>
                <td>
                  <RoleSelect
                    value={member.role}
                    roles={PROJECT_ROLES}
                    onChange={(role) => void setRole.submit(member.user_id, role)}
                    label={t("members.roleOf", { username: member.username })}
                    testId="project-member-role"
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="button button--small button--danger"
                    onClick={() => void remove.submit(member.user_id)}
                    aria-label={t("members.remove", { username: member.username })}
                    data-testid="project-member-remove"
                  >
                    {t("common.remove")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {addable.length > 0 && <ProjectMemberAdd addable={addable} onAdd={(userId, role) => setRole.submit(userId, role)} />}
    </section>
  );
}

function ProjectMemberAdd({
  addable,
  onAdd,
}: {
  addable: readonly { user_id: number; username: string }[];
  onAdd: (userId: number, role: Role) => Promise<unknown>;
}) {
  const { t } = useTranslation("teams");
  const [userId, setUserId] = useState(addable[0]?.user_id ?? 0);
  const [role, setRole] = useState<Role>("annotator");
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void onAdd(userId, role);
  };
  return (
    <form className="inline-form" onSubmit={onSubmit} aria-label={t("projectMembers.add")} data-testid="project-member-add-form">
      <select
        value={userId}
        aria-label={t("members.columns.username")}
        onChange={(event) => setUserId(Number(event.target.value))}
        data-testid="project-member-user"
      >
        {addable.map((m) => (
          <option key={m.user_id} value={m.user_id}>
            {m.username}
          </option>
        ))}
      </select>
      <RoleSelect value={role} roles={PROJECT_ROLES} onChange={setRole} label={t("members.columns.role")} testId="project-member-add-role" />
      <button type="submit" className="button" data-testid="project-member-add">
        {t("projectMembers.add")}
      </button>
    </form>
  );
}
