import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";
import { NotificationBell } from "./notifications/NotificationBell";
import "./teams.css";

/** This feature's entries in the header navigation: my work, organisations, and the notification bell. */
export function TeamsNav() {
  const { t } = useTranslation("teams");
  return (
    <>
      <NavLink to="/me/work" data-testid="nav-my-work">
        {t("nav.myWork")}
      </NavLink>
      <NavLink to="/organizations" data-testid="nav-organizations">
        {t("nav.organizations")}
      </NavLink>
      <NotificationBell />
    </>
  );
}
