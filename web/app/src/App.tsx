import type { AnnotaClient } from "@annota/api-client";
import type { i18n as I18n } from "i18next";
import { type ReactNode, useEffect } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { Navigate, Route, Routes } from "react-router-dom";
import { ApiProvider } from "./api/ApiContext";
import { AuthProvider } from "./auth/AuthContext";
import { RequireAuth } from "./auth/RequireAuth";
import { qualityRoutes } from "./features/quality/routes";
import { teamsPublicRoutes, teamsRoutes } from "./features/teams/routes";
import { LoginPage } from "./pages/LoginPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { ProjectPage } from "./pages/project/ProjectPage";
import { ProjectsPage } from "./pages/projects/ProjectsPage";
import { TaskPage } from "./pages/task/TaskPage";
import { WorkspacePage } from "./pages/workspace/WorkspacePage";
import { GlobalErrorProvider } from "./ui/GlobalError";
import { Layout } from "./ui/Layout";

interface AppProvidersProps {
  client: AnnotaClient;
  i18n: I18n;
  /** Where the client announces an expired session (see SESSION_EXPIRED). */
  sessionEvents: EventTarget;
  children: ReactNode;
}

/** Keeps `<html lang>` and the tab title in the current language (screen readers, spell checkers). */
function DocumentLanguage() {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t("app.name");
  }, [t, i18n.language]);
  return null;
}

/** Everything but the router, so tests can wrap the routes in a MemoryRouter. */
export function AppProviders({ client, i18n, sessionEvents, children }: AppProvidersProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <DocumentLanguage />
      <ApiProvider client={client}>
        <GlobalErrorProvider>
          <AuthProvider sessionEvents={sessionEvents}>{children}</AuthProvider>
        </GlobalErrorProvider>
      </ApiProvider>
    </I18nextProvider>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {teamsPublicRoutes}
      {/* The workspace takes the whole window: no page header. */}
      <Route
        path="/jobs/:jobId"
        element={
          <RequireAuth>
            <WorkspacePage />
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <Layout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/projects" replace />} />
        <Route path="/projects" element={<ProjectsPage />} />
        <Route path="/projects/:projectId" element={<ProjectPage />} />
        <Route path="/tasks/:taskId" element={<TaskPage />} />
        {teamsRoutes}
        {qualityRoutes}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
