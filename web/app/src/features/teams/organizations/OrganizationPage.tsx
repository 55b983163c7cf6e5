import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { useApi } from "../../../api/ApiContext";
import { useQuery } from "../../../api/useQuery";
import { useSubmit } from "../../../api/useSubmit";
import { useUser } from "../../../auth/AuthContext";
import { idParam } from "../../../pages/listParams";
import { NotFoundPage } from "../../../pages/NotFoundPage";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { PageError } from "../../../ui/PageError";
import { settle } from "../api/settle";
import type { MemberPublic, Role } from "../api/types";
import { AuditSection } from "../project/AuditSection";
import { InvitationsPanel } from "./InvitationsPanel";
import { RoleName, RoleSelect } from "./RoleName";
import { type OrganizationPowers, organizationPowers } from "./roles";

export function OrganizationPage() {
  const organizationId = idParam(useParams().organizationId);
  return organizationId === null ? <NotFoundPage /> : <OrganizationView organizationId={organizationId} />;
}

function OrganizationView({ organizationId }: { organizationId: number }) {
  const { t } = useTranslation("teams");
  const user = useUser();
  const path = { params: { path: { organization_id: organizationId } } };
  const organization = useQuery((client) => settle(client.raw.GET("/api/organizations/{organization_id}", path)), [organizationId]);
  if (organization.error) return <PageError error={organization.error} />;
  if (!organization.data) return <Loading />;
  const powers = organizationPowers(organization.data.role, user.is_admin);
  return (
    <section className="page" data-testid="organization">
      <nav className="breadcrumbs" aria-label={t("organizations.breadcrumbs")}>
        <Link to="/organizations">{t("organizations.title")}</Link>
      </nav>
      <div className="page__head">
        <h1 data-testid="organization-title">{organization.data.name}</h1>
        <p className="muted">
          {organization.data.role ? (
            <>
              {t("organizations.yourRole")} <RoleName role={organization.data.role} />
            </>
          ) : (
            t("organizations.siteAdmin")
          )}
        </p>
      </div>
      <MembersPanel organizationId={organizationId} powers={powers} />
      {powers.manageMembers && <InvitationsPanel organizationId={organizationId} powers={powers} />}
      {powers.manageMembers && <OrganizationAudit organizationId={organizationId} />}
    </section>
  );
}

/** The organisation's audit log (members, invitations, settings, and the projects the caller manages). */
function OrganizationAudit({ organizationId }: { organizationId: number }) {
  const members = useQuery(
    (client) =>
      settle(client.raw.GET("/api/organizations/{organization_id}/members", { params: { path: { organization_id: organizationId } } })),
    [organizationId],
  );
  return <AuditSection scope={{ kind: "organization", id: organizationId }} people={members.data ?? []} />;
}

function MembersPanel({ organizationId, powers }: { organizationId: number; powers: OrganizationPowers }) {
  const { t } = useTranslation("teams");
  const api = useApi();
  const [version, setVersion] = useState(0);
  const [changed, setChanged] = useState<MemberPublic[] | null>(null);
  const members = useQuery(
    (client) =>
      settle(client.raw.GET("/api/organizations/{organization_id}/members", { params: { path: { organization_id: organizationId } } })),
    [organizationId, version],
  );
  const shown = changed ?? members.data;
  const memberPath = (userId: number) => ({ params: { path: { organization_id: organizationId, user_id: userId } } });
  const changeRole = useSubmit(async (userId: number, role: Role) => {
    setChanged(await settle(api.raw.PATCH("/api/organizations/{organization_id}/members/{user_id}", { ...memberPath(userId), body: { role } })));
  });
  const remove = useSubmit(async (userId: number) => {
    await settle(api.raw.DELETE("/api/organizations/{organization_id}/members/{user_id}", memberPath(userId)));
    setChanged(null);
    setVersion((v) => v + 1);
  });

  return (
    <section className="panel" aria-labelledby="teams-members-title">
      <h2 id="teams-members-title">{t("members.title")}</h2>
      <ErrorBanner error={members.error ?? changeRole.error ?? remove.error} />
      {!shown && !members.error && <Loading />}
      {shown && (
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
            {shown.map((member) => (
              <tr key={member.user_id} data-testid="member-row" data-username={member.username} data-role={member.role}>
                <td>{member.username}</td>
                <td>
                  {powers.changeRoles ? (
                    <RoleSelect
                      value={member.role}
                      roles={powers.grantable}
                      onChange={(role) => void changeRole.submit(member.user_id, role)}
                      label={t("members.roleOf", { username: member.username })}
                      testId="member-role"
                      disabled={changeRole.pending}
                    />
                  ) : (
                    <RoleName role={member.role} />
                  )}
                </td>
                <td>
                  {powers.manageMembers && (powers.grantable as readonly string[]).includes(member.role) && (
                    <button
                      type="button"
                      className="button button--small button--danger"
                      disabled={remove.pending}
                      onClick={() => window.confirm(t("members.confirmRemove", { username: member.username })) && void remove.submit(member.user_id)}
                      aria-label={t("members.remove", { username: member.username })}
                      data-testid="member-remove"
                    >
                      {t("common.remove")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {powers.manageMembers && (
        <MemberAddForm
          organizationId={organizationId}
          powers={powers}
          onAdded={(list) => setChanged(list)}
        />
      )}
    </section>
  );
}

function MemberAddForm({
  organizationId,
  powers,
  onAdded,
}: {
  organizationId: number;
  powers: OrganizationPowers;
  onAdded: (members: MemberPublic[]) => void;
}) {
  const { t } = useTranslation("teams");
  const api = useApi();
  const [username, setUsername] = useState("");
  const [role, setRole] = useState<Role>("annotator");
  const add = useSubmit(() =>
    settle(
      api.raw.POST("/api/organizations/{organization_id}/members", {
        params: { path: { organization_id: organizationId } },
        body: { username: username.trim(), role },
      }),
    ),
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const members = await add.submit();
    if (members) {
      setUsername("");
      onAdded(members);
    }
  };
  return (
    <form className="inline-form" onSubmit={onSubmit} aria-label={t("members.add")} data-testid="member-add-form">
      <ErrorBanner error={add.error} />
      <label className="field field--inline">
        <span className="field__label">{t("members.username")}</span>
        <input required value={username} onChange={(event) => setUsername(event.target.value)} data-testid="member-username" />
      </label>
      <RoleSelect value={role} roles={powers.grantable} onChange={setRole} label={t("members.columns.role")} testId="member-add-role" />
      <button type="submit" className="button" disabled={add.pending} data-testid="member-add">
        {t("members.add")}
      </button>
    </form>
  );
}
