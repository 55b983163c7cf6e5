import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../api/ApiContext";
import { useSubmit } from "../../api/useSubmit";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { connectStorage } from "./cloudApi";
import {
  CONNECT_FIELDS,
  type ConnectField,
  type ConnectValues,
  connectBody,
  EMPTY_CONNECTION,
  localProblems,
  serverProblems,
} from "./connectForm";
import type { CloudStoragePublic } from "./types";

const INPUT_TYPE: Partial<Record<ConnectField, string>> = { endpoint_url: "url", secret_access_key: "password" };
const AUTOCOMPLETE: Partial<Record<ConnectField, string>> = { secret_access_key: "new-password", access_key_id: "off" };
/** Fields with an example shown while empty (none for the keys). */
const WITH_EXAMPLE = ["name", "bucket", "prefix", "endpoint_url", "region"] as const;
const hasExample = (field: ConnectField): field is (typeof WITH_EXAMPLE)[number] =>
  (WITH_EXAMPLE as readonly string[]).includes(field);

interface ConnectFormProps {
  projectId: number;
  onConnected: (storage: CloudStoragePublic) => void;
  onCancel: () => void;
}

/** "Connect a bucket": the server lists the bucket before saving, so a wrong name or key shows at its field. */
export function ConnectForm({ projectId, onConnected, onCancel }: ConnectFormProps) {
  const { t } = useTranslation("cloud");
  const api = useApi();
  const [values, setValues] = useState<ConnectValues>(EMPTY_CONNECTION);
  const [checked, setChecked] = useState(false);
  const connect = useSubmit(() => connectStorage(api, projectId, connectBody(values)));
  const local = checked ? localProblems(values) : {};
  const server = serverProblems(connect.error);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(localProblems(values)).length > 0) return;
    const storage = await connect.submit();
    if (!storage) return;
    setValues(EMPTY_CONNECTION); // the secret is never kept nor shown again
    onConnected(storage);
  };

  return (
    <form className="form cloud-connect" onSubmit={onSubmit} noValidate aria-labelledby="cloud-connect-title" data-testid="cloud-connect-form">
      <h3 id="cloud-connect-title">{t("connect.title")}</h3>
      <p className="muted small">{t("connect.help")}</p>
      {server.other.length > 0 && connect.error && <ErrorBanner error={connect.error} />}
      {CONNECT_FIELDS.map((field) => {
        const problem = local[field];
        const messages = [...(problem ? [t(`connect.problems.${problem}`)] : []), ...(server.fields[field] ?? [])];
        const errorId = `cloud-${field}-error`;
        return (
          <label className="field" key={field}>
            <span className="field__label">{t(`connect.fields.${field}`)}</span>
            <input
              name={field}
              type={INPUT_TYPE[field] ?? "text"}
              autoComplete={AUTOCOMPLETE[field]}
              value={values[field]}
              placeholder={hasExample(field) ? t(`connect.placeholders.${field}`) : undefined}
              aria-invalid={messages.length > 0}
              aria-describedby={messages.length > 0 ? errorId : undefined}
              onChange={(event) => setValues({ ...values, [field]: event.target.value })}
              data-testid={`cloud-field-${field}`}
            />
            {messages.length > 0 && (
              <span className="cloud-field-error" id={errorId} role="alert" data-testid={`cloud-error-${field}`}>
                {messages.join(" ")}
              </span>
            )}
          </label>
        );
      })}
      <p className="muted small">{t("connect.credentialsNote")}</p>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={connect.pending} data-testid="cloud-connect-submit">
          {connect.pending ? t("connect.checking") : t("connect.submit")}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          {t("connect.cancel")}
        </button>
      </div>
    </form>
  );
}
