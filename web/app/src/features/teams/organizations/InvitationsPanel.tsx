import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../../api/ApiContext";
import { useQuery } from "../../../api/useQuery";
import { useSubmit } from "../../../api/useSubmit";
import { formatDateTime } from "../../../format/format";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { settle } from "../api/settle";
import type { InvitationCreated, Role } from "../api/types";
import { invitationUrl } from "./invitationLink";
import { RoleName, RoleSelect } from "./RoleName";
import type { OrganizationPowers } from "./roles";

const STATUSES = ["pending", "accepted", "revoked", "expired"] as const;

/** Invitations of an organisation: make a link (shown once, with its token), list them, revoke pending ones. */
export function InvitationsPanel({ organizationId, powers }: { organizationId: number; powers: OrganizationPowers }) {
  const { t, i18n } = useTranslation("teams");
  const api = useApi();
  const [version, setVersion] = useState(0);
  const [created, setCreated] = useState<InvitationCreated | null>(null);
  const path = { params: { path: { organization_id: organizationId } } };
  const list = useQuery(
    (client) => settle(client.raw.GET("/api/organizations/{organization_id}/invitations", path)),
    [organizationId, version],
  );
  const revoke = useSubmit(async (invitationId: number) => {
    await settle(
      api.raw.DELETE("/api/organizations/{organization_id}/invitations/{invitation_id}", {
        params: { path: { organization_id: organizationId, invitation_id: invitationId } },
      }),
    );
    setVersion((v) => v + 1);
  });

  return (
    <section className="panel" aria-labelledby="teams-invitations-title">
      <h2 id="teams-invitations-title">{t("invitations.title")}</h2>
      <InvitationCreateForm
        organizationId={organizationId}
        powers={powers}
        onCreated={(invitation) => {
          setCreated(invitation);
          setVersion((v) => v + 1);
        }}
      />
      {created && <CreatedInvitation invitation={created} />}
      <ErrorBanner error={list.error ?? revoke.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.length === 0 && <p className="empty">{t("invitations.empty")}</p>}
      {list.data && list.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("invitations.columns.role")}</th>
              <th scope="col">{t("invitations.columns.email")}</th>
              <th scope="col">{t("invitations.columns.status")}</th>
              <th scope="col">{t("invitations.columns.expires")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("work.columns.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((invitation) => (
              <tr key={invitation.id} data-testid="invitation-row" data-status={invitation.status}>
                <td>
                  <RoleName role={invitation.role} />
                </td>
                <td>{invitation.email ?? ""}</td>
                <td>
                  {(STATUSES as readonly string[]).includes(invitation.status)
                    ? t(`invitations.status.${invitation.status as (typeof STATUSES)[number]}`)
                    : invitation.status}
                </td>
                <td>{formatDateTime(i18n.language, invitation.expires_at)}</td>
                <td>
                  {invitation.status === "pending" && (
                    <button
                      type="button"
                      className="button button--small button--danger"
                      disabled={revoke.pending}
                      onClick={() => void revoke.submit(invitation.id)}
                      aria-label={t("invitations.revokeOne", { id: invitation.id })}
                      data-testid="invitation-revoke"
                    >
                      {t("invitations.revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function InvitationCreateForm({
  organizationId,
  powers,
  onCreated,
}: {
  organizationId: number;
  powers: OrganizationPowers;
  onCreated: (invitation: InvitationCreated) => void;
}) {
  const { t } = useTranslation("teams");
  const api = useApi();
  const [role, setRole] = useState<Role>("annotator");
  const [email, setEmail] = useState("");
  const [days, setDays] = useState(7);
  const create = useSubmit(() =>
    settle(
      api.raw.POST("/api/organizations/{organization_id}/invitations", {
        params: { path: { organization_id: organizationId } },
        body: { role, expires_in_days: days, ...(email.trim() !== "" ? { email: email.trim() } : {}) },
      }),
    ),
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const invitation = await create.submit();
    if (invitation) {
      setEmail("");
      onCreated(invitation);
    }
  };
  return (
    <form className="inline-form" onSubmit={onSubmit} aria-label={t("invitations.create")} data-testid="invitation-form">
      <ErrorBanner error={create.error} />
      <RoleSelect value={role} roles={powers.grantable} onChange={setRole} label={t("invitations.columns.role")} testId="invitation-role" />
      <label className="field field--inline">
        <span className="field__label">{t("invitations.email")}</span>
        <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} data-testid="invitation-email" />
      </label>
      <label className="field field--inline">
        <span className="field__label">{t("invitations.days")}</span>
        <input
          type="number"
          min={1}
          max={90}
          value={days}
          onChange={(event) => setDays(Number(event.target.value))}
          data-testid="invitation-days"
        />
      </label>
      <button type="submit" className="button button--primary" disabled={create.pending} data-testid="invitation-create">
        {t("invitations.create")}
      </button>
    </form>
  );
}

/** The new invitation's link and token, shown once: the server never shows the token again. */
function CreatedInvitation({ invitation }: { invitation: InvitationCreated }) {
  const { t } = useTranslation("teams");
  const url = invitationUrl(invitation.link, globalThis.location?.origin ?? "http://localhost");
  return (
    <div className="notice" role="status" data-testid="invitation-created">
      <p>{t("invitations.createdOnce")}</p>
      <label className="field">
        <span className="field__label">{t("invitations.link")}</span>
        <input readOnly value={url} onFocus={(event) => event.target.select()} data-testid="invitation-link" />
      </label>
      <label className="field">
        <span className="field__label">{t("invitations.token")}</span>
        <input readOnly value={invitation.token} onFocus={(event) => event.target.select()} data-testid="invitation-token" />
      </label>
      <button
        type="button"
        className="button button--small"
        onClick={() => void navigator.clipboard?.writeText(url)}
        data-testid="invitation-copy"
      >
        {t("invitations.copy")}
      </button>
    </div>
  );
}
