import { useTranslation } from "react-i18next";
import { ROLES, type Role } from "../api/types";

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** A role as people read it; a role this page does not know yet shows as the server wrote it. */
export function RoleName({ role }: { role: string }) {
  const { t } = useTranslation("teams");
  return <>{isRole(role) ? t(`roles.${role}`) : role}</>;
}

/** A select of `roles`, each named in the reader's language. */
export function RoleSelect({
  value,
  roles,
  onChange,
  label,
  testId,
  disabled = false,
}: {
  value: string;
  roles: readonly Role[];
  onChange: (role: Role) => void;
  label: string;
  testId: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation("teams");
  return (
    <select
      value={value}
      aria-label={label}
      disabled={disabled}
      onChange={(event) => isRole(event.target.value) && onChange(event.target.value)}
      data-testid={testId}
    >
      {roles.map((role) => (
        <option key={role} value={role}>
          {t(`roles.${role}`)}
        </option>
      ))}
    </select>
  );
}
