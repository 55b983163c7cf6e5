import { type ApiError, formatLoc, HTTP_ERROR_TYPE, NETWORK_ERROR_TYPE } from "@annota/api-client";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

function headline(t: TFunction, status: number): string {
  switch (status) {
    case 0:
      return t("errors.network");
    case 400:
      return t("errors.badRequest");
    case 401:
      return t("errors.unauthorized");
    case 403:
      return t("errors.forbidden");
    case 404:
      return t("errors.notFound");
    case 409:
      return t("errors.conflict");
    case 413:
      return t("errors.tooLarge");
    case 422:
      return t("errors.invalid");
    default:
      return status >= 500 ? t("errors.server", { status }) : t("errors.generic", { status });
  }
}

interface ErrorBannerProps {
  error: ApiError | null;
  /** Replaces the status headline where the page knows better (a refused sign-in is not an "ended session"). */
  title?: string;
  onDismiss?: () => void;
}

/** Shows an API failure: a translated headline for its status, then each of the server's messages. */
export function ErrorBanner({ error, title, onDismiss }: ErrorBannerProps) {
  const { t } = useTranslation();
  if (!error) return null;
  // Made-up items (no answer, or an answer that was not our error shape) only repeat the headline.
  const details = error.errors.filter((e) => e.type !== NETWORK_ERROR_TYPE && e.type !== HTTP_ERROR_TYPE);
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <div className="error-banner__body">
        <strong>{title ?? headline(t, error.status)}</strong>
        {details.length > 0 && (
          <ul>
            {details.map((item, index) => {
              const where = formatLoc(item.loc);
              return (
                <li key={index}>
                  {where !== "" && <code>{where}</code>}
                  {where !== "" && t("common.colonSeparator")}
                  {item.msg}
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {onDismiss && (
        <button type="button" className="button button--ghost" onClick={onDismiss}>
          {t("common.dismiss")}
        </button>
      )}
    </div>
  );
}
