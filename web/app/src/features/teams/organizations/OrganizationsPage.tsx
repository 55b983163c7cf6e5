import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { useApi } from "../../../api/ApiContext";
import { useQuery } from "../../../api/useQuery";
import { useSubmit } from "../../../api/useSubmit";
import { ErrorBanner } from "../../../ui/ErrorBanner";
import { Loading } from "../../../ui/Loading";
import { settle } from "../api/settle";
import { RoleName } from "./RoleName";

const PAGE_SIZE = 100;

/** The organisations the caller belongs to (all of them for a site admin), and a form to create one. */
export function OrganizationsPage() {
  const { t } = useTranslation("teams");
  const list = useQuery(
    (client) => settle(client.raw.GET("/api/organizations", { params: { query: { page: 1, page_size: PAGE_SIZE } } })),
    [],
  );
  const [creating, setCreating] = useState(false);
  return (
    <section className="page" data-testid="organizations">
      <div className="page__head">
        <h1>{t("organizations.title")}</h1>
        <div className="page__actions">
          <button type="button" className="button button--primary" onClick={() => setCreating(true)} data-testid="organization-new">
            {t("organizations.new")}
          </button>
        </div>
      </div>
      {creating && <OrganizationCreateForm onCancel={() => setCreating(false)} />}
      <ErrorBanner error={list.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.items.length === 0 && <p className="empty">{t("organizations.empty")}</p>}
      {list.data && list.data.items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("organizations.columns.name")}</th>
              <th scope="col">{t("organizations.columns.slug")}</th>
              <th scope="col">{t("organizations.columns.role")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((organization) => (
              <tr key={organization.id} data-testid="organization-row" data-organization-id={organization.id}>
                <td>
                  <Link to={`/organizations/${organization.id}`}>{organization.name}</Link>
                </td>
                <td>
                  <code>{organization.slug}</code>
                </td>
                <td>{organization.role ? <RoleName role={organization.role} /> : t("organizations.siteAdmin")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** `"Acme Labs"` → `"acme-labs"`: a slug the server accepts, proposed while the name is typed. */
export function slugOf(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);
}

function OrganizationCreateForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation("teams");
  const api = useApi();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState<string | null>(null);
  const create = useSubmit(() =>
    settle(api.raw.POST("/api/organizations", { body: { name: name.trim(), slug: slug ?? slugOf(name) } })),
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await create.submit();
    if (created) navigate(`/organizations/${created.id}`);
  };
  return (
    <form className="card form" onSubmit={onSubmit} aria-labelledby="teams-org-create" data-testid="organization-create-form">
      <h2 id="teams-org-create">{t("organizations.create.title")}</h2>
      <ErrorBanner error={create.error} />
      <label className="field">
        <span className="field__label">{t("organizations.create.name")}</span>
        <input required value={name} onChange={(event) => setName(event.target.value)} data-testid="organization-name" />
      </label>
      <label className="field">
        <span className="field__label">{t("organizations.create.slug")}</span>
        <input
          required
          pattern="[a-z0-9][a-z0-9\-]{0,63}"
          value={slug ?? slugOf(name)}
          onChange={(event) => setSlug(event.target.value)}
          data-testid="organization-slug"
        />
      </label>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={create.pending} data-testid="organization-create-submit">
          {create.pending ? t("common.saving") : t("common.create")}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
