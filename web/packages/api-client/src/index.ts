export { createAnnotaClient, type AnnotaClient, type AnnotaClientOptions } from "./client";
export { CSRF_COOKIE, CSRF_HEADER, csrfHeaders, isUnsafeMethod, readCookie } from "./csrf";
export {
  ApiError,
  formatLoc,
  HTTP_ERROR_TYPE,
  isAbortError,
  isApiErrorBody,
  NETWORK_ERROR_TYPE,
  type ApiErrorBody,
  type ApiErrorItem,
} from "./errors";
export type * from "./models";
export type { components, operations, paths } from "./schema";
export type { UploadOptions, UploadProgress } from "./upload";
