import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet } from "react-router-dom";
import { TeamsNav } from "../features/teams/TeamsNav";
import { GlobalErrorBanner } from "./GlobalError";
import { LocaleSwitch } from "./LocaleSwitch";
import { UserMenu } from "./UserMenu";

/** The frame of every signed-in page: header (brand, navigation, locale, user menu), then the page. */
export function Layout() {
  const { t } = useTranslation();
  return (
    <div className="layout">
      <header className="header">
        <Link to="/projects" className="header__brand">
          {t("app.name")}
        </Link>
        <nav className="header__nav" aria-label={t("nav.label")}>
          <NavLink to="/projects">{t("nav.projects")}</NavLink>
          <TeamsNav />
        </nav>
        <div className="header__tools">
          <LocaleSwitch />
          <UserMenu />
        </div>
      </header>
      <main className="main">
        <GlobalErrorBanner />
        <Outlet />
      </main>
    </div>
  );
}
