import { Route } from "react-router-dom";
import { NotificationsPage } from "./notifications/NotificationsPage";
import { ProjectTeamPage } from "./project/ProjectTeamPage";
import { InvitationAcceptPage } from "./organizations/InvitationAcceptPage";
import { OrganizationPage } from "./organizations/OrganizationPage";
import { OrganizationsPage } from "./organizations/OrganizationsPage";
import { MyWorkPage } from "./work/MyWorkPage";

/** The pages of this feature, mounted by App.tsx inside the signed-in layout. */
export const teamsRoutes = (
  <>
    <Route path="/me/work" element={<MyWorkPage />} />
    <Route path="/notifications" element={<NotificationsPage />} />
    <Route path="/organizations" element={<OrganizationsPage />} />
    <Route path="/organizations/:organizationId" element={<OrganizationPage />} />
    <Route path="/invitations/accept" element={<InvitationAcceptPage />} />
    <Route path="/projects/:projectId/team" element={<ProjectTeamPage />} />
    <Route path="/projects/:projectId/team/:section" element={<ProjectTeamPage />} />
  </>
);
