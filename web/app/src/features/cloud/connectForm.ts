/** The state of the "connect a bucket" form: its values, what is sent, and errors at their fields. */
import type { ApiError, ApiErrorItem } from "@annota/api-client";
import type { CloudStorageCreate } from "./types";

export const CONNECT_FIELDS = [
  "name",
  "bucket",
  "prefix",
  "endpoint_url",
  "region",
  "access_key_id",
  "secret_access_key",
] as const;
export type ConnectField = (typeof CONNECT_FIELDS)[number];
export type ConnectValues = Record<ConnectField, string>;

export const EMPTY_CONNECTION: ConnectValues = {
  name: "",
  bucket: "",
  prefix: "",
  endpoint_url: "",
  region: "",
  access_key_id: "",
  secret_access_key: "",
};

/** Why this side refuses a value before asking the server (each one a text of the `cloud` namespace). */
export type LocalProblem = "required" | "keysInPairs";

/** Problems the form can see itself: a name and a bucket are needed; keys go in pairs (or none: server credentials). */
export function localProblems(values: ConnectValues): Partial<Record<ConnectField, LocalProblem>> {
  const problems: Partial<Record<ConnectField, LocalProblem>> = {};
  if (values.name.trim() === "") problems.name = "required";
  if (values.bucket.trim() === "") problems.bucket = "required";
  const keyId = values.access_key_id.trim() !== "";
  const secret = values.secret_access_key !== "";
  if (keyId && !secret) problems.secret_access_key = "keysInPairs";
  if (secret && !keyId) problems.access_key_id = "keysInPairs";
  return problems;
}

/** The request body: text trimmed (the secret sent as typed), empty optional fields left out. */
export function connectBody(values: ConnectValues): CloudStorageCreate {
  const optional = (text: string) => (text.trim() === "" ? null : text.trim());
  return {
    name: values.name.trim(),
    bucket: values.bucket.trim(),
    prefix: values.prefix.trim(),
    endpoint_url: optional(values.endpoint_url),
    region: optional(values.region),
    access_key_id: optional(values.access_key_id),
    secret_access_key: values.secret_access_key === "" ? null : values.secret_access_key,
  };
}

export interface ServerProblems {
  /** Messages located at one of the form's fields (`body.bucket` → bucket). */
  fields: Partial<Record<ConnectField, string[]>>;
  /** The rest, shown above the form. */
  other: ApiErrorItem[];
}

function isField(value: unknown): value is ConnectField {
  return typeof value === "string" && (CONNECT_FIELDS as readonly string[]).includes(value);
}

/** Splits a refusal into the messages each field shows and the others. */
export function serverProblems(error: ApiError | null): ServerProblems {
  const result: ServerProblems = { fields: {}, other: [] };
  for (const item of error?.errors ?? []) {
    const [part, field] = item.loc;
    if (part === "body" && isField(field)) (result.fields[field] ??= []).push(item.msg);
    else result.other.push(item);
  }
  return result;
}
