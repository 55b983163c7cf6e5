import { Route } from "react-router-dom";
import { NotificationsPage } from "./notifications/NotificationsPage";
import { ProjectTeamPage } from "./project/ProjectTeamPage";
import { InvitationAcceptPage } from "./organizations/InvitationAcceptPage";
import { INVITATION_JOIN_PATH, InvitationGate } from "./organizations/InvitationGate";
import { OrganizationPage } from "./organizations/OrganizationPage";
import { OrganizationsPage } from "./organizations/OrganizationsPage";
import { MyTimePage } from "./work/MyTimePage";
import { MyWorkPage } from "./work/MyWorkPage";

/** The pages of this feature, mounted by App.tsx inside the signed-in layout. */
export const teamsRoutes = (
  <>
    <Route path="/me/work" element={<MyWorkPage />} />
    <Route path="/me/time" element={<MyTimePage />} />
    <Route path="/notifications" element={<NotificationsPage />} />
    <Route path="/organizations" element={<OrganizationsPage />} />
    <Route path="/organizations/:organizationId" element={<OrganizationPage />} />
    <Route path="/invitations/accept" element={<InvitationAcceptPage />} />
    <Route path={INVITATION_JOIN_PATH} element={<InvitationAcceptPage />} />
    <Route path="/projects/:projectId/team" element={<ProjectTeamPage />} />
    <Route path="/projects/:projectId/team/:section" element={<ProjectTeamPage />} />
  </>
);

/**
 * Pages for anyone, signed in or not; App.tsx mounts them before the signed-in layout. The invitation
 * link's page explains that accepting needs an account before sending a signed-out visitor to sign in.
 */
export const teamsPublicRoutes = <Route path="/invitations/accept" element={<InvitationGate />} />;
