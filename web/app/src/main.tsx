import { createAnnotaClient } from "@annota/api-client";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { AppProviders, AppRoutes } from "./App";
import { SESSION_EXPIRED } from "./auth/AuthContext";
import { createI18n, initialLocale } from "./i18n/locales";
import "./app.css";

const sessionEvents = new EventTarget();
const client = createAnnotaClient({
  onError: (error) => {
    if (error.status === 401) sessionEvents.dispatchEvent(new Event(SESSION_EXPIRED));
  },
});
const i18n = createI18n(initialLocale());

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <AppProviders client={client} i18n={i18n} sessionEvents={sessionEvents}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </AppProviders>
  </StrictMode>,
);
