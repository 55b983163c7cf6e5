import type { Role } from "../api/types";

/** What the caller may do in an organisation, from their role in it (site admins: everything). */
export interface OrganizationPowers {
  /** Add and remove members, invite. */
  manageMembers: boolean;
  /** Change members' roles (owners only). */
  changeRoles: boolean;
  /** The roles the caller may give: owners and managers only by owners. */
  grantable: readonly Role[];
}

export function organizationPowers(role: string | null | undefined, isAdmin: boolean): OrganizationPowers {
  const owner = isAdmin || role === "owner";
  const manager = owner || role === "manager";
  return {
    manageMembers: manager,
    changeRoles: owner,
    grantable: owner ? ["owner", "manager", "reviewer", "annotator"] : manager ? ["reviewer", "annotator"] : [],
  };
}
