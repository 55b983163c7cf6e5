import { useTranslation } from "react-i18next";
import { useQuery } from "../../../api/useQuery";
import { useUser } from "../../../auth/AuthContext";
import { settle } from "../api/settle";

const PAGE_SIZE = 100;

/**
 * Which organisation a new project belongs to: those where the caller may create projects (owner,
 * manager; every one for a site admin), or none for a personal project. Renders nothing when the
 * caller has no such organisation.
 */
export function OrganizationPicker({ value, onChange }: { value: number | null; onChange: (id: number | null) => void }) {
  const { t } = useTranslation("teams");
  const user = useUser();
  const list = useQuery(
    (client) => settle(client.raw.GET("/api/organizations", { params: { query: { page: 1, page_size: PAGE_SIZE } } })),
    [],
  );
  const usable = (list.data?.items ?? []).filter((o) => user.is_admin || o.role === "owner" || o.role === "manager");
  if (usable.length === 0) return null;
  return (
    <label className="field">
      <span className="field__label">{t("organizations.picker")}</span>
      <select
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value === "" ? null : Number(event.target.value))}
        data-testid="project-organization"
      >
        <option value="">{t("organizations.personal")}</option>
        {usable.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
      </select>
    </label>
  );
}
