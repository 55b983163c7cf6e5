/** Wire objects of the review routes, as the server answers them. */
import type { Issue, Region } from "../../../src/features/review/reviewApi";

export function issue(id: number, frame: number, status: "open" | "resolved", region: Region = { x: 10, y: 20, w: 30, h: 40 }, comment = `issue ${id}`): Issue {
  return {
    id,
    job_id: 8,
    frame,
    region: { x: region.x, y: region.y, w: region.w ?? null, h: region.h ?? null },
    status,
    author_id: 2,
    author_name: "rosa",
    created_at: "2026-11-26T10:00:00Z",
    resolved_at: status === "resolved" ? "2026-11-26T11:00:00Z" : null,
    resolved_by: status === "resolved" ? 1 : null,
    comments: [{ id: id * 10, author_id: 2, author_name: "rosa", body: comment, created_at: "2026-11-26T10:00:00Z" }],
  };
}
