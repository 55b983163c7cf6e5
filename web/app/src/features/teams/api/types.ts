/** The wire types of the team pages, named as the server's OpenAPI schema names them. */
import type { components } from "@annota/api-client";

type Schemas = components["schemas"];

export type WorkItem = Schemas["WorkItem"];
export type NotificationPublic = Schemas["NotificationPublic"];
export type OrganizationPublic = Schemas["OrganizationPublic"];
export type MemberPublic = Schemas["MemberPublic"];
export type InvitationPublic = Schemas["InvitationPublic"];
export type InvitationCreated = Schemas["InvitationCreated"];
export type InvitationPreview = Schemas["InvitationPreview"];
export type Dashboard = Schemas["Dashboard"];
export type WebhookPublic = Schemas["WebhookPublic"];
export type WebhookCreated = Schemas["WebhookCreated"];
export type DeliveryPublic = Schemas["DeliveryPublic"];
export type TimeReport = Schemas["TimeReport"];
export type TimeRow = Schemas["TimeRow"];
export type AuditEntryPublic = Schemas["AuditEntryPublic"];
export type GuidelinesPublic = Schemas["GuidelinesPublic"];
export type WorkflowPublic = Schemas["WorkflowPublic"];
export type ProjectMemberPublic = Schemas["ProjectMemberPublic"];
export type JobPublic = Schemas["JobPublic"];

/** Organisation roles, most powerful first. */
export const ROLES = ["owner", "manager", "reviewer", "annotator"] as const;
export type Role = (typeof ROLES)[number];
