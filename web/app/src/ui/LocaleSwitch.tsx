import { useTranslation } from "react-i18next";
import { useApi } from "../api/ApiContext";
import { useAuth } from "../auth/AuthContext";
import { isLocale, type Locale, SUPPORTED_LOCALES, storeLocale } from "../i18n/locales";
import { useGlobalError } from "./GlobalError";

/** EN/FR choice: applied at once, kept in this browser, and saved to the account when signed in. */
export function LocaleSwitch() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { state, setUser } = useAuth();
  const { reportError } = useGlobalError();
  const current = isLocale(i18n.language) ? i18n.language : undefined;

  const choose = (locale: Locale) => {
    storeLocale(locale);
    void i18n.changeLanguage(locale);
    if (state.status === "authenticated") api.updateMe({ locale }).then(setUser, reportError);
  };

  return (
    <label className="locale-switch">
      <span className="visually-hidden">{t("locale.label")}</span>
      <select
        value={current}
        onChange={(event) => isLocale(event.target.value) && choose(event.target.value)}
        data-testid="locale-switch"
      >
        {SUPPORTED_LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {t(`locale.names.${locale}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
