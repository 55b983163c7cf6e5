/**
 * Names for the wire types the app uses. Entities come from the schema's components (their names are
 * part of the server's contract); pages, bodies and queries are read off the operations, so a renamed
 * helper schema on the server does not break the app.
 */
import type { components, paths } from "./schema";

type Schemas = components["schemas"];
type JsonContent<R> = R extends { content: { "application/json": infer T } } ? T : never;
type JsonOk<Op> = Op extends { responses: infer R }
  ? 200 extends keyof R
    ? JsonContent<R[200]>
    : 201 extends keyof R
      ? JsonContent<R[201]>
      : never
  : never;
type JsonBody<Op> = Op extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;
type Query<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type UserPublic = Schemas["UserPublic"];
export type LoginRequest = JsonBody<paths["/api/auth/login"]["post"]>;
export type UserUpdate = JsonBody<paths["/api/users/me"]["patch"]>;
export type About = JsonOk<paths["/api/server/about"]["get"]>;

export type ProjectPublic = Schemas["ProjectPublic"];
export type ProjectCreate = JsonBody<paths["/api/projects"]["post"]>;
export type ProjectUpdate = JsonBody<paths["/api/projects/{project_id}"]["patch"]>;
export type ProjectPage = JsonOk<paths["/api/projects"]["get"]>;
export type ProjectListQuery = Query<paths["/api/projects"]["get"]>;

export type LabelPublic = Schemas["LabelPublic"];
export type LabelCreate = JsonBody<paths["/api/projects/{project_id}/labels"]["post"]>;
export type LabelUpdate = JsonBody<paths["/api/labels/{label_id}"]["patch"]>;
export type LabelKind = NonNullable<LabelCreate["kind"]>;
export type LabelAttribute = LabelPublic["attributes"][number];

export type TaskPublic = Schemas["TaskPublic"];
export type TaskCreate = JsonBody<paths["/api/tasks"]["post"]>;
export type TaskUpdate = JsonBody<paths["/api/tasks/{task_id}"]["patch"]>;
export type TaskPage = JsonOk<paths["/api/tasks"]["get"]>;
export type TaskListQuery = Query<paths["/api/tasks"]["get"]>;

export type MediaPublic = Schemas["MediaPublic"];
export type MediaPage = JsonOk<paths["/api/tasks/{task_id}/media"]["get"]>;
export type MediaListQuery = Query<paths["/api/tasks/{task_id}/media"]["get"]>;
export type MediaAdded = JsonOk<paths["/api/tasks/{task_id}/media"]["post"]>;

export type JobPublic = Schemas["JobPublic"];
export type JobPage = JsonOk<paths["/api/jobs"]["get"]>;
export type JobListQuery = Query<paths["/api/jobs"]["get"]>;
