import { useTranslation } from "react-i18next";
import { Link, Navigate, useLocation } from "react-router-dom";
import { useAuth } from "../../../auth/AuthContext";
import { loginPathFor } from "../../../auth/nextPath";
import { Loading } from "../../../ui/Loading";

/** Where a signed-in person accepts an invitation (inside the signed-in layout). */
export const INVITATION_JOIN_PATH = "/invitations/join";

/**
 * The invitation link's page for anyone, signed in or not: it explains that accepting needs an
 * account and sends a signed-out visitor to sign in first; a signed-in one goes straight on to accept.
 * The token travels in the fragment all the way.
 */
export function InvitationGate() {
  const { t } = useTranslation("teams");
  const { state } = useAuth();
  const location = useLocation();
  const onward = { pathname: INVITATION_JOIN_PATH, search: location.search, hash: location.hash };
  if (state.status === "loading") return <Loading />;
  if (state.status === "authenticated") return <Navigate to={onward} replace />;
  return (
    <main className="login" data-testid="invitation-sign-in">
      <div className="login__card">
        <h1>{t("accept.title")}</h1>
        <p>{t("accept.signInFirst")}</p>
        <Link to={loginPathFor(onward)} className="button button--primary" data-testid="invitation-sign-in-link">
          {t("accept.signIn")}
        </Link>
      </div>
    </main>
  );
}
