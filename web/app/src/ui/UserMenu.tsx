import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "../api/useQuery";
import { useAuth, useUser } from "../auth/AuthContext";
import { useGlobalError } from "./GlobalError";

export function UserMenu() {
  const { t } = useTranslation();
  const user = useUser();
  const { logout } = useAuth();
  const { reportError } = useGlobalError();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div className="user-menu" ref={root}>
      <button
        type="button"
        className="button button--header"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="user-menu"
      >
        {user.username}
      </button>
      {open && (
        <div className="user-menu__panel" role="menu">
          <p className="user-menu__who">
            {t("userMenu.signedInAs", { username: user.username })}
            {user.is_admin && <span className="badge">{t("userMenu.admin")}</span>}
          </p>
          {user.email && <p className="user-menu__email">{user.email}</p>}
          <ServerVersion />
          <button
            type="button"
            role="menuitem"
            className="button button--block"
            onClick={() => logout().catch(reportError)}
            data-testid="logout"
          >
            {t("userMenu.logout")}
          </button>
        </div>
      )}
    </div>
  );
}

/** Fetched when the menu opens: which server this is, for support requests. */
function ServerVersion() {
  const { t } = useTranslation();
  const about = useQuery((api) => api.about(), []);
  if (!about.data) return null;
  return (
    <p className="user-menu__version muted small" data-testid="server-version">
      {t("userMenu.version", { version: about.data.version })}
    </p>
  );
}
