import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { Loading } from "../ui/Loading";
import { useAuth } from "./AuthContext";
import { loginPathFor } from "./nextPath";

/** Renders its children for a signed-in user; sends anyone else to the login page, remembering where to. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === "loading") return <Loading />;
  if (state.status === "anonymous") return <Navigate to={loginPathFor(location)} replace />;
  return children;
}
