/** The qualification exam routes, typed from the server's OpenAPI; every call rejects with ApiError. */
import type { AnnotaClient, components } from "@annota/api-client";
import { settle } from "./api";

type Schemas = components["schemas"];
export type Exam = Schemas["ExamPublic"];
export type ExamAttempt = Schemas["ExamAttemptPublic"];
export type Certificate = Schemas["CertificatePublic"];

/** The skills an exam can test, in the order they are shown. */
export const SKILLS = ["boxes", "polygons", "keypoints", "tracking"] as const;
export type Skill = (typeof SKILLS)[number];

export function isSkill(value: string): value is Skill {
  return (SKILLS as readonly string[]).includes(value);
}

const project = (projectId: number) => ({ params: { path: { project_id: projectId } } });

/** The exam's rules and the caller's attempts; 409 `not_an_exam` for a project that is no exam. */
export function exam(api: AnnotaClient, projectId: number): Promise<Exam> {
  return settle(api.raw.GET("/api/projects/{project_id}/exam", project(projectId)));
}

export function startAttempt(api: AnnotaClient, projectId: number): Promise<ExamAttempt> {
  return settle(api.raw.POST("/api/projects/{project_id}/exam/attempts", project(projectId)));
}

export function submitAttempt(api: AnnotaClient, projectId: number): Promise<ExamAttempt> {
  return settle(api.raw.POST("/api/projects/{project_id}/exam/submit", project(projectId)));
}

/** Everyone's attempts (managers). */
export function examAttempts(api: AnnotaClient, projectId: number): Promise<ExamAttempt[]> {
  return settle(api.raw.GET("/api/projects/{project_id}/exam/attempts", project(projectId)));
}

export function certificates(api: AnnotaClient, userId: number): Promise<Certificate[]> {
  return settle(api.raw.GET("/api/users/{user_id}/certificates", { params: { path: { user_id: userId } } }));
}

/** The attempt being taken, if any (an operator has at most one at a time). */
export function attemptInProgress(attempts: readonly ExamAttempt[]): ExamAttempt | null {
  return attempts.find((a) => a.state === "in_progress") ?? null;
}

/** An attempt's skill scores in the shown order, skills the exam does not test left out. */
export function skillScores(skills: Readonly<Record<string, number>>): { skill: string; score: number }[] {
  const known = SKILLS.filter((s) => skills[s] !== undefined).map((s) => ({ skill: s as string, score: skills[s]! }));
  const others = Object.keys(skills)
    .filter((s) => !isSkill(s))
    .sort()
    .map((s) => ({ skill: s, score: skills[s]! }));
  return [...known, ...others];
}
