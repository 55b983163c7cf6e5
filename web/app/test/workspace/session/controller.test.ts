import type { LabelPublic } from "@annota/api-client";
import { describe, expect, it } from "vitest";
import { JobDocument } from "../../../src/workspace/document/jobDocument";
import type { ServerDiff } from "../../../src/workspace/document/wire";
import { readLabels } from "../../../src/workspace/labels";
import { MemoryQueueStore } from "../../../src/workspace/save/queueStore";
import { SaveEngine, type SaveOutcome } from "../../../src/workspace/save/saveEngine";
import { WorkspaceController, FLUSH_DELAY_MS } from "../../../src/workspace/session/controller";
import * as edit from "../../../src/workspace/session/editing";
import { runAction } from "../../../src/workspace/session/runAction";
import { headlessCanvas, instantImages, rect, settle, tag } from "../support";

const LABELS: LabelPublic[] = [
  { id: 1, project_id: 1, name: "car", color: "#ff0000", kind: "rectangle", position: 0, skeleton: null, attributes: [{ name: "colour", kind: "select", values: ["red", "blue"], default: "blue" }] },
  { id: 2, project_id: 1, name: "road", color: "#00ff00", kind: "polygon", position: 1, skeleton: null, attributes: [] },
  { id: 3, project_id: 1, name: "weather", color: "#0000ff", kind: "tag", position: 2, skeleton: null, attributes: [{ name: "sky", kind: "radio", values: ["clear", "cloudy"] }] },
  { id: 4, project_id: 1, name: "vehicle", color: "#ffff00", kind: "rectangle", position: 3, skeleton: null, attributes: [{ name: "colour", kind: "select", values: ["red", "green"] }] },
];

interface Harness {
  c: WorkspaceController;
  saves: { revision: number; diff: ServerDiff }[];
  server: { doc: () => JobDocument; answers: SaveOutcome[] };
  canvas: ReturnType<typeof headlessCanvas>;
}

async function open(shapes = [rect("a", 0, 10, 10, 50, 50), rect("b", 1, 0, 0, 5, 5)], tags: ReturnType<typeof tag>[] = [], labels = LABELS): Promise<Harness> {
  const saves: Harness["saves"] = [];
  const server = { doc: () => JobDocument.fromBody({ revision: 1, shapes, tags }), answers: [] as SaveOutcome[] };
  let revision = 1;
  const engine = new SaveEngine({
    jobId: 1,
    revision: 1,
    store: new MemoryQueueStore(),
    transport: {
      save: async (_job, rev, diff) => {
        saves.push({ revision: rev, diff });
        return server.answers.shift() ?? { type: "saved", revision: ++revision };
      },
    },
  });
  const c = new WorkspaceController({
    jobId: 1,
    frames: [0, 1, 2].map((frame) => ({ frame, mediaId: 10 + frame, name: `f${frame}.jpg`, width: 400, height: 300 })),
    labels: readLabels(labels),
    document: JobDocument.fromBody({ revision: 1, shapes, tags }),
    engine,
    images: instantImages(),
    imageUrl: (id) => `/api/media/${id}/display`,
    loadDocument: async () => server.doc(),
    startFrame: 0,
    newId: (() => {
      let n = 0;
      return () => `new-${++n}`;
    })(),
  });
  const canvas = headlessCanvas();
  c.mount({} as HTMLElement, canvas.create);
  await settle(20);
  return { c, saves, server, canvas };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ui = { toggleHelp: () => undefined, toggleGuidelines: () => undefined };

describe("WorkspaceController", () => {
  it("opens the start frame with its image and objects", async () => {
    const { c } = await open();
    expect(c.snapshot()).toMatchObject({ frame: 0, imageState: "ready" });
    expect(c.snapshot().objects.map((o) => o.id)).toEqual(["a"]);
  });

  it("saves an edit as a diff with the job revision shortly after it is made", async () => {
    const { c, saves } = await open();
    c.canvas?.select(["a"]);
    edit.setAttribute(c, "colour", "red");
    await wait(FLUSH_DELAY_MS + 50);
    expect(saves).toHaveLength(1);
    expect(saves[0]?.revision).toBe(1);
    expect(saves[0]?.diff.shapes.update[0]).toMatchObject({ id: "a", attributes: { colour: "red" }, group: null });
    expect(c.snapshot().save.status).toBe("saved");
  });

  it("keeps unsent edits when switching images and shows them again on return", async () => {
    const { c } = await open();
    c.canvas?.select(["a"]);
    c.canvas?.deleteSelected();
    await c.step(1);
    expect(c.snapshot().objects.map((o) => o.id)).toEqual(["b"]);
    await c.step(-1);
    expect(c.snapshot().objects).toEqual([]);
  });

  it("relabels the selection with 1-9, keeping attribute values the new label accepts", async () => {
    const { c } = await open();
    c.canvas?.select(["a"]);
    edit.setAttribute(c, "colour", "red");
    runAction(c, "label.4", ui);
    expect(c.snapshot().objects[0]).toMatchObject({ labelId: 4, attributes: { colour: "red" } });
    runAction(c, "label.2", ui);
    expect(c.snapshot().message?.key).toBe("labelKindMismatch");
  });

  it("picks a label that allows the tool, and N repeats the last drawing tool", async () => {
    const { c } = await open();
    runAction(c, "tool.polygon", ui);
    expect(c.snapshot()).toMatchObject({ tool: "polygon", activeLabel: 2 });
    runAction(c, "tool.select", ui);
    runAction(c, "tool.repeat", ui);
    expect(c.snapshot().tool).toBe("polygon");
  });

  it("adds an image tag with its label's defaults as an undoable action, and saves it", async () => {
    const { c, saves } = await open();
    runAction(c, "tag.add", ui);
    expect(c.snapshot().objects.find((o) => o.kind === "tag")).toMatchObject({ labelId: 3, attributes: { sky: "clear" } });
    expect(c.snapshot().canUndo).toBe(true);
    await c.saveNow();
    expect(saves.at(-1)?.diff.tags.create).toEqual([{ id: "new-1", label_id: 3, frame: 0, attributes: { sky: "clear" }, source: "manual", score: null }]);
  });

  it("sets a skeleton point's visibility as an undoable action, keeping the selection, and saves it", async () => {
    const person: LabelPublic = { id: 5, project_id: 1, name: "person", color: "#ff00ff", kind: "skeleton", position: 4, skeleton: { points: [{ name: "a", x: 0, y: 0 }, { name: "b", x: 1, y: 1 }], edges: [[0, 1]] }, attributes: [] };
    const skeleton = { ...rect("s", 0, 0, 0, 0, 0, 5), kind: "skeleton" as const, points: [10, 10, 20, 20], visibility: ["visible" as const, "visible" as const], rotation: null };
    const { c, saves } = await open([skeleton], [], [...LABELS, person]);
    c.canvas?.select(["s"]);
    edit.setSkeletonPoint(c, "s", 1, "occluded");
    await c.saveNow();
    expect(saves.at(-1)?.diff.shapes.update[0]?.visibility).toEqual(["visible", "occluded"]);
    expect(c.snapshot().objects[0]?.geometry).toMatchObject({ visibility: ["visible", "occluded"] });
    expect(c.snapshot().selection).toEqual(["s"]);
    expect(c.snapshot().canUndo).toBe(true);
    runAction(c, "edit.undo", ui);
    expect(c.snapshot().objects[0]?.geometry).toMatchObject({ visibility: ["visible", "visible"] });
  });

  it("groups the selection under a fresh number and hides or locks objects", async () => {
    const { c } = await open([rect("a", 0, 0, 0, 5, 5), rect("b", 0, 10, 10, 20, 20)], [tag("t", 0, 3)]);
    c.canvas?.select(["a", "b"]);
    runAction(c, "edit.group", ui);
    expect(c.snapshot().objects.filter((o) => o.kind === "rectangle").map((o) => o.groupId)).toEqual([1, 1]);
    runAction(c, "edit.lock", ui);
    runAction(c, "edit.delete", ui);
    expect(c.snapshot().objects).toHaveLength(3);
    expect(c.snapshot().message?.key).toBe("lockedNotDeleted");
    runAction(c, "view.hideAll", ui);
    expect([...c.snapshot().hidden].sort()).toEqual(["a", "b"]);
  });

  it("pastes what was copied onto the next image", async () => {
    const { c } = await open();
    c.canvas?.select(["a"]);
    runAction(c, "edit.copy", ui);
    await c.step(1);
    runAction(c, "edit.paste", ui);
    const pasted = c.snapshot().objects.filter((o) => o.id !== "b");
    expect(pasted).toHaveLength(1);
    expect(pasted[0]).toMatchObject({ frame: 1, kind: "rectangle" });
  });

  it("after a conflict, keeping mine re-bases my changes onto their document", async () => {
    const { c, saves, server } = await open();
    server.answers.push({ type: "conflict", revision: 3 });
    c.canvas?.select(["a"]);
    edit.setAttribute(c, "colour", "red");
    await c.saveNow();
    expect(c.snapshot().save.status).toBe("conflict");
    server.doc = () => JobDocument.fromBody({ revision: 3, shapes: [rect("b", 1, 0, 0, 5, 5), rect("theirs", 0, 1, 1, 2, 2)] });
    await c.resolveConflict("mine");
    await wait(10);
    expect(saves.at(-1)?.revision).toBe(3);
    expect(saves.at(-1)?.diff.shapes.create.map((s) => s.id)).toEqual(["a"]);
    expect(c.snapshot().objects.map((o) => o.id).sort()).toEqual(["a", "theirs"]);
  });

  it("after a conflict, reloading theirs drops my unsent changes", async () => {
    const { c, server } = await open();
    server.answers.push({ type: "conflict", revision: 3 });
    c.canvas?.select(["a"]);
    c.canvas?.deleteSelected();
    await c.saveNow();
    server.doc = () => JobDocument.fromBody({ revision: 3, shapes: [rect("a", 0, 10, 10, 50, 50)] });
    await c.resolveConflict("theirs");
    expect(c.snapshot().objects.map((o) => o.id)).toEqual(["a"]);
    expect(c.snapshot().save).toMatchObject({ status: "saved", queued: 0, revision: 3 });
  });

  it("reports objects the canvas cannot read instead of opening the image half-loaded", async () => {
    const { c } = await open([{ ...rect("a", 0, 0, 0, 5, 5), points: [1, 2] }]);
    expect(c.snapshot()).toMatchObject({ imageState: "error", message: { key: "objectsUnreadable" } });
  });

  it("says so when there is no image after the last one", async () => {
    const { c } = await open();
    await c.step(2);
    await c.step(1);
    expect(c.snapshot()).toMatchObject({ frame: 2, message: { key: "lastImage" } });
  });
});

describe("WorkspaceController and drags", () => {
  it("saves a move made by dragging, which lands as one change set after live previews", async () => {
    const { c, saves, canvas } = await open();
    const input = canvas.editor().inputs;
    const v = canvas.editor().viewport;
    const at = (x: number, y: number) => ({ x: v.offsetX + x * v.scale, y: v.offsetY + y * v.scale, button: 0, shift: false, alt: false, ctrl: false });
    input.pointerDown(at(30, 30));
    input.pointerUp(at(30, 30));
    input.pointerDown(at(30, 30));
    input.pointerMove(at(35, 32));
    input.pointerMove(at(40, 34));
    input.pointerUp(at(40, 34));
    await wait(FLUSH_DELAY_MS + 50);
    expect(saves).toHaveLength(1);
    expect(saves[0]?.diff.shapes.update[0]?.points).toEqual([20, 14, 60, 54]);
    expect(c.snapshot().objects[0]?.geometry).toMatchObject({ x1: 20, y1: 14 });
  });
});
