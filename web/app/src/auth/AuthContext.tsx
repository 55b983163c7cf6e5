import { ApiError, type UserPublic } from "@annota/api-client";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../api/ApiContext";
import { toApiError } from "../api/toApiError";
import { localeOf, storeLocale } from "../i18n/locales";

export type AuthState =
  | { status: "loading" }
  | { status: "anonymous"; error: ApiError | null }
  | { status: "authenticated"; user: UserPublic };

export interface Auth {
  state: AuthState;
  /** Rejects with ApiError when the server refuses (the login form shows its messages). */
  login: (username: string, password: string) => Promise<UserPublic>;
  logout: () => Promise<void>;
  /** Replaces the signed-in user after a change made elsewhere (e.g. PATCH /api/users/me). */
  setUser: (user: UserPublic) => void;
}

const AuthContext = createContext<Auth | null>(null);

/** Event dispatched on `sessionEvents` when any call answers 401: the session is over. */
export const SESSION_EXPIRED = "session-expired";

interface AuthProviderProps {
  /** Receives SESSION_EXPIRED events (the API client's onError dispatches them). */
  sessionEvents: EventTarget;
  children: ReactNode;
}

export function AuthProvider({ sessionEvents, children }: AuthProviderProps) {
  const api = useApi();
  const { i18n } = useTranslation();
  const [state, setState] = useState<AuthState>({ status: "loading" });

  // The user's saved locale wins once signed in, so the UI follows them from one browser to the next.
  const adopt = useCallback(
    (user: UserPublic) => {
      const locale = localeOf(user.locale);
      if (locale && locale !== i18n.language) {
        storeLocale(locale);
        void i18n.changeLanguage(locale);
      }
      setState({ status: "authenticated", user });
    },
    [i18n],
  );

  // The session is checked once per client; `adopt` changes identity with the language (react-i18next
  // hands out a new i18n binding), which must not re-run the check and undo a locale just chosen.
  const adoptRef = useRef(adopt);
  adoptRef.current = adopt;

  useEffect(() => {
    let current = true;
    api.me().then(
      (user) => current && adoptRef.current(user),
      (reason: unknown) => {
        if (!current) return;
        const error = toApiError(reason);
        // 401 just means "not signed in"; anything else (server down) is worth showing on the login page.
        setState({ status: "anonymous", error: error.status === 401 ? null : error });
      },
    );
    return () => {
      current = false;
    };
  }, [api]);

  useEffect(() => {
    const expire = () => setState({ status: "anonymous", error: null });
    sessionEvents.addEventListener(SESSION_EXPIRED, expire);
    return () => sessionEvents.removeEventListener(SESSION_EXPIRED, expire);
  }, [sessionEvents]);

  const login = useCallback(
    async (username: string, password: string) => {
      const user = await api.login({ username, password });
      adopt(user);
      return user;
    },
    [api, adopt],
  );

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      // Even when the server call fails the person asked to leave: forget the user here.
      setState({ status: "anonymous", error: null });
    }
  }, [api]);

  const setUser = useCallback((user: UserPublic) => setState({ status: "authenticated", user }), []);
  const value = useMemo(() => ({ state, login, logout, setUser }), [state, login, logout, setUser]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth: no <AuthProvider> above this component");
  return auth;
}

/** The signed-in user; only for components rendered under <RequireAuth>. */
export function useUser(): UserPublic {
  const { state } = useAuth();
  if (state.status !== "authenticated") throw new Error("useUser: rendered outside <RequireAuth>");
  return state.user;
}
