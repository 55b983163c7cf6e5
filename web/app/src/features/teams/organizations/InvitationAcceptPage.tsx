import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router-dom";
import { useApi } from "../../../api/ApiContext";
import { useQuery } from "../../../api/useQuery";
import { useSubmit } from "../../../api/useSubmit";
import { useUser } from "../../../auth/AuthContext";
import { formatDateTime } from "../../../format/format";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { settle } from "../api/settle";
import { invitationToken } from "./invitationLink";
import { RoleName } from "./RoleName";

/**
 * `/invitations/accept#token=...`: what accepting does (organisation, role), then "Join". The page sits
 * behind sign-in: someone signed out is sent to the login page first and comes back here with the token.
 */
export function InvitationAcceptPage() {
  const { t } = useTranslation("teams");
  const location = useLocation();
  const [typed, setTyped] = useState("");
  const [token, setToken] = useState(() => invitationToken(location));
  return (
    <section className="page" data-testid="invitation-accept">
      <h1>{t("accept.title")}</h1>
      {token === null ? (
        <form
          className="card form"
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            setToken(typed.trim() || null);
          }}
        >
          <p>{t("accept.noToken")}</p>
          <label className="field">
            <span className="field__label">{t("invitations.token")}</span>
            <input required value={typed} onChange={(event) => setTyped(event.target.value)} data-testid="accept-token" />
          </label>
          <button type="submit" className="button button--primary" data-testid="accept-token-submit">
            {t("accept.check")}
          </button>
        </form>
      ) : (
        <InvitationPreviewCard token={token} />
      )}
    </section>
  );
}

function InvitationPreviewCard({ token }: { token: string }) {
  const { t, i18n } = useTranslation("teams");
  const api = useApi();
  const user = useUser();
  const navigate = useNavigate();
  const preview = useQuery((client) => settle(client.raw.POST("/api/invitations/preview", { body: { token } })), [token]);
  const accept = useSubmit(() => settle(api.raw.POST("/api/invitations/accept", { body: { token } })));
  if (preview.error) return <ErrorBanner error={preview.error} />;
  if (!preview.data) return <Loading />;
  const invitation = preview.data;
  return (
    <div className="card" data-testid="invitation-preview" data-status={invitation.status}>
      <p>
        {t("accept.invited", { organization: invitation.organization_name })} <RoleName role={invitation.role} />
      </p>
      <p className="muted small">
        {t("accept.signedInAs", { username: user.username })}{" "}
        {t("accept.expires", { when: formatDateTime(i18n.language, invitation.expires_at) })}
      </p>
      <ErrorBanner error={accept.error} />
      {invitation.status === "pending" ? (
        <button
          type="button"
          className="button button--primary"
          disabled={accept.pending}
          onClick={async () => {
            const joined = await accept.submit();
            if (joined) navigate(`/organizations/${joined.organization_id}`);
          }}
          data-testid="invitation-accept-submit"
        >
          {t("accept.join", { organization: invitation.organization_name })}
        </button>
      ) : (
        <p className="notice">{t("accept.unusable")}</p>
      )}
    </div>
  );
}
