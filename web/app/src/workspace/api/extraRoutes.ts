/**
 * User preferences and project assets, which the client has no methods for: plain `fetch` with the
 * same cookies and CSRF header as the client (the asset upload is multipart, which openapi-fetch does
 * not build), failing with the same ApiError.
 */
import { ApiError } from "@annota/api-client";
import { answer, objectBody, sender, type RouteOptions } from "./request";

export type ExtraRoutesOptions = RouteOptions;

export interface ExtraRoutes {
  getPreferences(): Promise<Record<string, unknown>>;
  putPreferences(preferences: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Uploads an image for a project's guidelines; resolves with the URL to put in the Markdown. */
  uploadProjectAsset(projectId: number, file: Blob, filename: string): Promise<string>;
}

export function createExtraRoutes(options: ExtraRoutesOptions = {}): ExtraRoutes {
  const request = sender(options);
  return {
    getPreferences: async () => objectBody(await answer(request("GET", "/api/users/me/preferences")), "preferences"),
    putPreferences: async (preferences) =>
      objectBody(await answer(request("PUT", "/api/users/me/preferences", JSON.stringify(preferences), "application/json")), "preferences"),
    uploadProjectAsset: async (projectId, file, filename) => {
      const form = new FormData();
      form.append("file", file, filename);
      const body = objectBody(await answer(request("POST", `/api/projects/${projectId}/assets`, form)), "assets");
      if (typeof body.url !== "string") throw new ApiError(200, [{ loc: ["url"], msg: "the answer has no url", type: "invalid_answer" }]);
      return body.url;
    },
  };
}
