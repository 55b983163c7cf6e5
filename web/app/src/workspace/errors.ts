/** Problems the workspace finds in what it is given, each located (`document.shapes[3].id`), all at once. */
export interface WorkspaceIssue {
  readonly loc: readonly (string | number)[];
  readonly msg: string;
  readonly type: string;
}

export function formatIssueLoc(loc: readonly (string | number)[]): string {
  let out = "";
  for (const part of loc) out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  return out;
}

export class WorkspaceError extends Error {
  readonly issues: readonly WorkspaceIssue[];

  constructor(issues: readonly WorkspaceIssue[]) {
    super(issues.map((i) => (i.loc.length > 0 ? `${formatIssueLoc(i.loc)}: ${i.msg}` : i.msg)).join("; "));
    this.name = "WorkspaceError";
    this.issues = issues;
  }

  static of(loc: readonly (string | number)[], msg: string, type: string): WorkspaceError {
    return new WorkspaceError([{ loc, msg, type }]);
  }
}
