/** Where a problem is: a JSON path (`["objects", 3, "points"]`) or a command name. */
export type Loc = readonly (string | number)[];

export type ErrorType =
  | "invalid" // a value of the wrong type or shape
  | "missing" // a required field is absent
  | "unknown_kind" // a kind the registry does not know
  | "kind_not_allowed" // the label forbids the kind a tool draws
  | "no_label" // a tool needs an active label and there is none
  | "not_found" // an id or label the command names does not exist
  | "invalid_state" // the command is not valid in the current mode
  | "too_few_points" // a shape would fall below its kind's minimum
  | "last_keyframe" // removing the only keyframe of a track (delete the track instead)
  | "tracks_differ" // merging tracks of different labels or kinds
  | "tracks_overlap" // merging tracks whose keyframes overlap in time
  | "no_context"; // the browser gave no 2D context

export interface Issue {
  readonly loc: Loc;
  readonly msg: string;
  readonly type: ErrorType;
}

export function formatLoc(loc: Loc): string {
  let out = "";
  for (const part of loc) out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  return out;
}

/**
 * Every error the canvas core raises or emits. It carries all the problems found at once, each
 * with its location, in the same `loc`/`msg`/`type` shape as the server's errors.
 */
export class CanvasError extends Error {
  readonly issues: readonly Issue[];

  constructor(issues: readonly Issue[]) {
    super(issues.map((i) => (i.loc.length > 0 ? `${formatLoc(i.loc)}: ${i.msg}` : i.msg)).join("; "));
    this.name = "CanvasError";
    this.issues = issues;
  }

  static of(loc: Loc, msg: string, type: ErrorType): CanvasError {
    return new CanvasError([{ loc, msg, type }]);
  }

  get type(): ErrorType {
    return this.issues[0]?.type ?? "invalid";
  }
}
