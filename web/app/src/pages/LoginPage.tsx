import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { useSubmit } from "../api/useSubmit";
import { useAuth } from "../auth/AuthContext";
import { safeNextPath } from "../auth/nextPath";
import { ErrorBanner } from "../ui/ErrorBanner";
import { Loading } from "../ui/Loading";
import { LocaleSwitch } from "../ui/LocaleSwitch";

export function LoginPage() {
  const { t } = useTranslation();
  const { state, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const { submit, pending, error } = useSubmit(login);

  if (state.status === "loading") return <Loading />;
  if (state.status === "authenticated" && !pending) return <Navigate to={next} replace />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit(username, password)) navigate(next, { replace: true });
  };

  return (
    <main className="login">
      <form className="login__card card" onSubmit={onSubmit} aria-labelledby="login-title">
        <div className="login__top">
          <h1 id="login-title">{t("login.title")}</h1>
          <LocaleSwitch />
        </div>
        <p className="muted">{t("login.intro")}</p>
        <ErrorBanner
          error={error ?? (state.status === "anonymous" ? state.error : null)}
          title={error?.status === 401 ? t("login.refused") : undefined}
        />
        <label className="field">
          <span className="field__label">{t("login.username")}</span>
          <input
            name="username"
            autoComplete="username"
            required
            autoFocus
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            data-testid="login-username"
          />
        </label>
        <label className="field">
          <span className="field__label">{t("login.password")}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            data-testid="login-password"
          />
        </label>
        <button type="submit" className="button button--primary button--block" disabled={pending} data-testid="login-submit">
          {pending ? t("login.submitting") : t("login.submit")}
        </button>
      </form>
    </main>
  );
}
