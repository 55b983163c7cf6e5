import createClient, { type Client, type Middleware } from "openapi-fetch";
import { csrfHeaders, documentCookies } from "./csrf";
import { ApiError, isAbortError } from "./errors";
import type {
  About,
  JobListQuery,
  JobPage,
  LabelCreate,
  LabelPublic,
  LabelUpdate,
  LoginRequest,
  MediaAdded,
  MediaListQuery,
  MediaPage,
  ProjectCreate,
  ProjectListQuery,
  ProjectPage,
  ProjectPublic,
  ProjectUpdate,
  TaskCreate,
  TaskListQuery,
  TaskPage,
  TaskPublic,
  TaskUpdate,
  UserPublic,
  UserUpdate,
} from "./models";
import type { paths } from "./schema";
import { postMultipart, type UploadOptions } from "./upload";

export interface AnnotaClientOptions {
  /** Origin of the server, without a trailing slash; `""` (the default) means the page's own origin. */
  baseUrl?: string;
  /** Replaces `globalThis.fetch` (tests). */
  fetch?: (request: Request) => Promise<Response>;
  /** Replaces `document.cookie` as the source of the CSRF cookie (tests). */
  cookies?: () => string;
  /** Replaces `new XMLHttpRequest()` for uploads (tests). */
  createXhr?: () => XMLHttpRequest;
  /** Sees every ApiError before the call rejects with it (the app signs out on 401). */
  onError?: (error: ApiError) => void;
}

/** The typed calls of the annota API. Every method rejects with ApiError when the call fails. */
export interface AnnotaClient {
  /** The openapi-fetch client for calls without a method here; it sends cookies and the CSRF header too. */
  readonly raw: Client<paths>;
  login(body: LoginRequest): Promise<UserPublic>;
  logout(): Promise<void>;
  me(): Promise<UserPublic>;
  updateMe(body: UserUpdate): Promise<UserPublic>;
  about(): Promise<About>;
  listProjects(query?: ProjectListQuery): Promise<ProjectPage>;
  createProject(body: ProjectCreate): Promise<ProjectPublic>;
  getProject(projectId: number): Promise<ProjectPublic>;
  updateProject(projectId: number, body: ProjectUpdate): Promise<ProjectPublic>;
  deleteProject(projectId: number): Promise<void>;
  listLabels(projectId: number): Promise<LabelPublic[]>;
  createLabel(projectId: number, body: LabelCreate): Promise<LabelPublic>;
  updateLabel(labelId: number, body: LabelUpdate): Promise<LabelPublic>;
  deleteLabel(labelId: number): Promise<void>;
  listTasks(query?: TaskListQuery): Promise<TaskPage>;
  createTask(body: TaskCreate): Promise<TaskPublic>;
  getTask(taskId: number): Promise<TaskPublic>;
  updateTask(taskId: number, body: TaskUpdate): Promise<TaskPublic>;
  deleteTask(taskId: number): Promise<void>;
  listTaskMedia(taskId: number, query?: MediaListQuery): Promise<MediaPage>;
  /** Multipart upload under field `files` (a .zip is expanded by the server), with progress. */
  uploadTaskMedia(taskId: number, files: readonly Blob[], options?: UploadOptions): Promise<MediaAdded>;
  listJobs(query?: JobListQuery): Promise<JobPage>;
  thumbnailUrl(mediaId: number): string;
  originalUrl(mediaId: number): string;
}

interface Settled<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

export function createAnnotaClient(options: AnnotaClientOptions = {}): AnnotaClient {
  const baseUrl = (options.baseUrl ?? "").replace(/\/+$/, "");
  const cookies = options.cookies ?? documentCookies;
  const createXhr = options.createXhr ?? (() => new XMLHttpRequest());
  const report = (error: ApiError): ApiError => {
    options.onError?.(error);
    return error;
  };

  const raw = createClient<paths>({
    baseUrl,
    credentials: "include",
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const csrf: Middleware = {
    onRequest({ request }) {
      for (const [name, value] of Object.entries(csrfHeaders(request.method, cookies()))) {
        request.headers.set(name, value);
      }
      return request;
    },
  };
  raw.use(csrf);

  async function settle<D>(pending: Promise<Settled<D>>): Promise<D> {
    let result: Settled<D>;
    try {
      result = await pending;
    } catch (cause) {
      if (isAbortError(cause)) throw cause;
      throw report(ApiError.network(cause));
    }
    const { response } = result;
    if (!response.ok) throw report(ApiError.fromResponse(response.status, result.error, response.statusText));
    // A 2xx answer carries the operation's declared body (nothing for 204s, typed `never` by openapi-fetch).
    return result.data as D;
  }

  const byId = <K extends string>(key: K, id: number) => ({ params: { path: { [key]: id } as Record<K, number> } });

  return {
    raw,
    login: (body) => settle(raw.POST("/api/auth/login", { body })),
    logout: async () => {
      await settle(raw.POST("/api/auth/logout"));
    },
    me: () => settle(raw.GET("/api/auth/me")),
    updateMe: (body) => settle(raw.PATCH("/api/users/me", { body })),
    about: () => settle(raw.GET("/api/server/about")),

    listProjects: (query = {}) => settle(raw.GET("/api/projects", { params: { query } })),
    createProject: (body) => settle(raw.POST("/api/projects", { body })),
    getProject: (id) => settle(raw.GET("/api/projects/{project_id}", byId("project_id", id))),
    updateProject: (id, body) => settle(raw.PATCH("/api/projects/{project_id}", { ...byId("project_id", id), body })),
    deleteProject: async (id) => {
      await settle(raw.DELETE("/api/projects/{project_id}", byId("project_id", id)));
    },

    listLabels: (projectId) => settle(raw.GET("/api/projects/{project_id}/labels", byId("project_id", projectId))),
    createLabel: (projectId, body) =>
      settle(raw.POST("/api/projects/{project_id}/labels", { ...byId("project_id", projectId), body })),
    updateLabel: (id, body) => settle(raw.PATCH("/api/labels/{label_id}", { ...byId("label_id", id), body })),
    deleteLabel: async (id) => {
      await settle(raw.DELETE("/api/labels/{label_id}", byId("label_id", id)));
    },

    listTasks: (query = {}) => settle(raw.GET("/api/tasks", { params: { query } })),
    createTask: (body) => settle(raw.POST("/api/tasks", { body })),
    getTask: (id) => settle(raw.GET("/api/tasks/{task_id}", byId("task_id", id))),
    updateTask: (id, body) => settle(raw.PATCH("/api/tasks/{task_id}", { ...byId("task_id", id), body })),
    deleteTask: async (id) => {
      await settle(raw.DELETE("/api/tasks/{task_id}", byId("task_id", id)));
    },

    listTaskMedia: (taskId, query = {}) =>
      settle(raw.GET("/api/tasks/{task_id}/media", { params: { path: { task_id: taskId }, query } })),
    uploadTaskMedia: async (taskId, files, uploadOptions) => {
      const request = {
        url: `${baseUrl}/api/tasks/${taskId}/media`,
        field: "files",
        files,
        headers: csrfHeaders("POST", cookies()),
        createXhr,
      };
      try {
        return (await postMultipart(request, uploadOptions)) as MediaAdded;
      } catch (error) {
        if (error instanceof ApiError) report(error);
        throw error;
      }
    },

    listJobs: (query = {}) => settle(raw.GET("/api/jobs", { params: { query } })),
    thumbnailUrl: (mediaId) => `${baseUrl}/api/media/${mediaId}/thumbnail`,
    originalUrl: (mediaId) => `${baseUrl}/api/media/${mediaId}/original`,
  };
}
