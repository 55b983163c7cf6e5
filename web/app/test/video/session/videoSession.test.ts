import { describe, expect, it } from "vitest";
import { runVideoAction } from "../../../src/video/session/videoActions";
import * as track from "../../../src/video/session/trackActions";
import { FLUSH_DELAY_MS } from "../../../src/workspace/session/controller";
import { flush } from "../support";
import { boxTrack, JOB, keyframesOf, leftOf, openVideo } from "./harness";

const ui = { focusGoTo: () => undefined };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a video job in the workspace", () => {
  it("shows a track's interpolated state between its keyframes, and lists it as interpolated there", async () => {
    const { c, v } = await openVideo();
    expect(c.snapshot().states?.get("car")).toBe("keyframe");
    await v.seek(10);
    expect(leftOf(c, "car")).toBe(10);
    expect(c.snapshot().states?.get("car")).toBe("interpolated");
    expect(c.snapshot().objects.map((o) => o.id)).toEqual(["car"]);
    await v.seek(5);
    expect(c.snapshot().states?.get("s")).toBe("shape");
  });

  it("saves a keyframe set on one frame in the tracks collection, and undoes it from another frame", async () => {
    const { c, v, saves } = await openVideo();
    await v.seek(10);
    c.canvas?.select(["car"]);
    runVideoAction(v, "video.keyframe", ui);
    await v.seek(25);
    await c.saveNow();
    expect(saves.at(-1)?.diff.tracks?.update[0]?.keyframes.map((k) => k.frame)).toEqual([0, 10, 20]);
    expect(c.canvas?.undo()).toBe(true);
    await c.saveNow();
    expect(saves.at(-1)?.diff.tracks?.update[0]?.keyframes.map((k) => k.frame)).toEqual([0, 20]);
    expect(saves.at(-1)?.diff.shapes).toEqual({ create: [], update: [], delete: [] });
  });

  it("keeps a track edit queued across frames and shows it again after a reload of the canvas", async () => {
    const { c, v } = await openVideo();
    await v.seek(12);
    c.canvas?.select(["car"]);
    track.toggleOutside(c);
    await wait(FLUSH_DELAY_MS + 50);
    expect(c.doc.track("car")?.keyframes.map((k) => [k.frame, k.outside])).toEqual([
      [0, false],
      [12, true],
      [20, false],
    ]);
    await v.seek(15);
    expect(c.snapshot().states?.get("car")).toBe("outside");
  });

  it("splits a track on this frame and merges the parts back into one", async () => {
    const { c, v } = await openVideo();
    await v.seek(10);
    c.canvas?.select(["car"]);
    track.split(c);
    const second = c.snapshot().selection[0] as string;
    expect(second).toBe("new-1");
    expect(keyframesOf(c, "car")).toEqual([0, 10]);
    expect(keyframesOf(c, second)).toEqual([10, 20]);
    c.canvas?.select(["car", second]);
    track.merge(c);
    expect(c.canvas?.tracks().map((t) => t.id)).toEqual(["car"]);
    expect(keyframesOf(c, "car")).toEqual([0, 10, 20]);
  });

  it("says so when merge is asked with other than two tracks", async () => {
    const { c } = await openVideo();
    c.canvas?.select(["car"]);
    track.merge(c);
    expect(c.snapshot().message?.key).toBe("video.mergeNeedsTwo");
  });

  it("propagates a single-frame shape over the next frames as a track", async () => {
    const { c, v } = await openVideo();
    await v.seek(5);
    c.canvas?.select(["s"]);
    track.propagate(c, 3);
    const id = c.snapshot().selection[0] as string;
    expect(keyframesOf(c, id).slice(0, 4)).toEqual([5, 6, 7, 8]);
    await v.seek(7);
    expect(c.snapshot().states?.get(id)).toBe("keyframe");
    expect(c.snapshot().message?.key).toBe("video.propagated");
  });

  it("draws tracks in track mode and single-frame shapes in shape mode", async () => {
    const { c, v, editor } = await openVideo();
    await v.seek(3);
    const draw = (x: number) => {
      c.setTool("rectangle");
      const at = (px: number) => ({ point: { x: px, y: px }, button: 0, shift: false, alt: false, ctrl: false });
      editor().tool.pointerDown(at(x));
      editor().tool.pointerMove(at(x + 30));
      editor().tool.pointerUp(at(x + 30));
    };
    draw(100);
    runVideoAction(v, "video.drawMode", ui);
    expect(c.snapshot().drawMode).toBe("shape");
    draw(200);
    await c.saveNow();
    const states = [...(c.snapshot().states ?? new Map()).entries()].filter(([id]) => id.startsWith("new-"));
    expect(states.map(([, s]) => s).sort()).toEqual(["keyframe", "shape"]);
  });

  it("plays through frames decoded ahead from the chunks, and stepping pauses it", async () => {
    const { c, v, clock } = await openVideo();
    await flush();
    runVideoAction(v, "video.playPause", ui);
    clock.advance(200);
    expect(c.snapshot().frame).toBe(6);
    expect(leftOf(c, "car")).toBe(6);
    expect(v.player.stats()).toMatchObject({ stalls: 0, skipped: 0 });
    runVideoAction(v, "nav.next", ui);
    await flush();
    expect(v.player.state().playing).toBe(false);
    expect(c.snapshot().frame).toBe(7);
    runVideoAction(v, "video.forward10", ui);
    await flush();
    expect(c.snapshot().frame).toBe(17);
  });

  it("moves to the next and previous keyframe of the selected track", async () => {
    const { c, v } = await openVideo();
    c.canvas?.select(["car"]);
    runVideoAction(v, "video.nextKeyframe", ui);
    await flush();
    expect(c.snapshot().frame).toBe(20);
    runVideoAction(v, "video.nextKeyframe", ui);
    expect(c.snapshot().message?.key).toBe("video.noNextKeyframe");
  });

  it("sets a loop range from the frames where in and out were pressed", async () => {
    const { v } = await openVideo();
    await v.seek(4);
    runVideoAction(v, "video.loopIn", ui);
    await v.seek(9);
    runVideoAction(v, "video.loopOut", ui);
    runVideoAction(v, "video.loop", ui);
    expect(v.player.state()).toMatchObject({ range: { start: 4, stop: 9 }, looping: true });
  });

  it("keeps my track edit when a save is refused because someone saved first", async () => {
    const { c, v, answers, server, saves } = await openVideo();
    server.body = { ...JOB, revision: 4, tracks: [boxTrack("car", [[0, 0], [20, 20]]), boxTrack("theirs", [[1, 50]])] };
    answers.push({ type: "conflict", revision: 4 });
    await v.seek(10);
    c.canvas?.select(["car"]);
    track.toggleKeyframe(c);
    await c.saveNow();
    expect(c.snapshot().save.status).toBe("conflict");
    await c.resolveConflict("mine");
    await c.saveNow();
    expect(saves.at(-1)).toMatchObject({ revision: 4 });
    expect(saves.at(-1)?.diff.tracks?.update.map((t) => t.id)).toEqual(["car"]);
    expect(c.canvas?.tracks().map((t) => t.id).sort()).toEqual(["car", "theirs"]);
    expect(keyframesOf(c, "car")).toEqual([0, 10, 20]);
  });

  it("keeps track edits queued while the server does not answer, and sends them when it does", async () => {
    const { c, v, answers, saves } = await openVideo();
    answers.push({ type: "offline", reason: "network" });
    await v.seek(10);
    c.canvas?.select(["car"]);
    track.toggleKeyframe(c);
    await c.saveNow();
    expect(c.snapshot().save).toMatchObject({ status: "offline", queued: 1 });
    await v.seek(15);
    track.toggleOutside(c);
    await c.saveNow();
    expect(c.snapshot().save.status).toBe("saved");
    expect(saves.at(-1)?.diff.tracks?.update[0]?.keyframes.map((k) => [k.frame, k.outside])).toEqual([
      [0, false],
      [10, false],
      [15, true],
      [20, false],
    ]);
  });

  it("saves an undo made on a frame where nothing it changed is shown, on its own within the flush delay", async () => {
    const { c, v, saves } = await openVideo();
    await v.seek(10);
    c.canvas?.select(["car"]);
    track.toggleKeyframe(c);
    await wait(FLUSH_DELAY_MS + 100);
    await v.seek(25);
    c.canvas?.undo();
    await wait(FLUSH_DELAY_MS + 100);
    expect(saves.map((s) => s.diff.tracks?.update[0]?.keyframes.map((k) => k.frame))).toEqual([
      [0, 10, 20],
      [0, 20],
    ]);
  });
});
