/** The located problems of a refused "add from cloud storage", each naming the object it is about. */
import { type ApiError, formatLoc } from "@annota/api-client";
import type { CloudMediaImport } from "./types";

export interface ObjectProblem {
  /** The object's key (relative to the connection's prefix); null when the problem is the request's. */
  object: string | null;
  msg: string;
}

/**
 * `body.keys[3]` names the fourth key asked for; `body.prefix.<key>` names an object found under the
 * prefix; `body.prefix` the prefix itself. Anything else stays a problem of the whole request.
 */
export function objectProblems(error: ApiError, request: CloudMediaImport): ObjectProblem[] {
  return error.errors.map((item) => {
    const [part, field, where] = item.loc;
    if (part === "body" && field === "keys" && typeof where === "number") {
      return { object: request.keys?.[where] ?? formatLoc(item.loc), msg: item.msg };
    }
    if (part === "body" && field === "prefix") {
      return { object: where === undefined ? (request.prefix ?? "") : String(where), msg: item.msg };
    }
    return { object: null, msg: item.msg };
  });
}
