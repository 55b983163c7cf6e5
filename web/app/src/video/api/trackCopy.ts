/** `GET /api/jobs/{id}/tracks/{track_id}?since_frame=N`: a track as the server holds it now (a tracker run's progress). */
import type { WireTrack } from "@annota/canvas-core";
import { Reader } from "./read";

export interface TrackCopy {
  /** The job revision the track was read at. */
  readonly revision: number;
  /** Only keyframes after this frame are in `track` (null: all of them). */
  readonly sinceFrame: number | null;
  /** The track in wire form; the canvas checks its fields and keyframes when it takes it. */
  readonly track: WireTrack;
}

export function readTrackCopy(raw: unknown): TrackCopy {
  const r = new Reader(raw, ["track_copy"]);
  const revision = r.int("revision");
  const sinceFrame = r.intOrNull("since_frame", -1);
  const record = r.object("track") ?? {};
  const t = new Reader(record, ["track_copy", "track"]);
  t.string("id");
  t.list("keyframes");
  t.done(null);
  return r.done({ revision, sinceFrame, track: record as unknown as WireTrack });
}
