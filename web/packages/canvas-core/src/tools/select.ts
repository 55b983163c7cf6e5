/**
 * The select tool: pick, shift-pick, box-select, Tab cycling, and moving, resizing, rotating
 * and vertex editing through handles.
 *
 * States and transitions (button 0; other buttons are ignored):
 *
 * | state           | event                                   | next            | effect                                         |
 * |-----------------|-----------------------------------------|-----------------|------------------------------------------------|
 * | idle            | down on a handle of the one selected    | pointing_handle |                                                |
 * | idle            | Alt+down on a vertex handle             | idle            | removes the vertex; on a skeleton, cycles visible → occluded → outside |
 * | idle            | down on an object                       | pointing_object | selects it (Shift: adds; on a selected one, deselects on up) |
 * | idle            | down on empty canvas                    | pointing_canvas |                                                |
 * | idle            | Tab / Shift+Tab                         | idle            | selects the next / previous object             |
 * | idle            | Delete, Backspace                       | idle            | deletes the selected objects                   |
 * | idle            | arrows (Shift: ×10)                     | idle            | moves the selected objects 1 image pixel       |
 * | idle            | Ctrl+A                                  | idle            | selects every pickable object                  |
 * | idle            | Escape                                  | idle            | clears the selection                           |
 * | pointing_object | move past the drag threshold            | translating     | starts a preview                               |
 * | pointing_object | up                                      | idle            | Shift: deselects; else selects only this one   |
 * | pointing_handle | move past the drag threshold            | dragging_handle | starts a preview                               |
 * | pointing_handle | up                                      | idle            |                                                |
 * | pointing_canvas | move past the drag threshold            | brushing        | shows the marquee                              |
 * | pointing_canvas | up                                      | idle            | clears the selection (not with Shift)          |
 * | translating     | move                                    | translating     | moves the selection (Shift: along one axis)    |
 * | translating     | up                                      | idle            | commits "move"                                 |
 * | dragging_handle | move                                    | dragging_handle | resizes / rotates / moves or inserts a vertex  |
 * | dragging_handle | up                                      | idle            | commits the edit                               |
 * | brushing        | move                                    | brushing        | resizes the marquee                            |
 * | brushing        | up                                      | idle            | selects objects wholly inside (Shift: adds)    |
 * | any             | Escape, cancel()                        | idle            | reverts a preview, drops the marquee           |
 */
import { boxFromCorners } from "../geometry/box";
import type { Point } from "../geometry/point";
import type { Handle } from "../kinds/kind";
import { kindUtil } from "../kinds/registry";
import type { AnyObject } from "../model/object";
import { handleAt, visibleHandles } from "./handles";
import { ARROWS, cycleSelection, deleteSelected, editable, nudgeSelected, alterVertex, selectedEditable, translated } from "./select-actions";
import { screenDistance, type OverlayItem, type Tool, type ToolContext, type ToolKey, type ToolPointer } from "./tool";

type SelectState =
  | { readonly name: "idle" }
  | { readonly name: "pointing_object"; readonly id: string; readonly start: Point; readonly deselectOnUp: boolean }
  | { readonly name: "pointing_handle"; readonly id: string; readonly handle: Handle; readonly start: Point }
  | { readonly name: "pointing_canvas"; readonly start: Point; readonly additive: boolean }
  | { readonly name: "translating"; readonly start: Point; readonly originals: readonly AnyObject[] }
  | { readonly name: "dragging_handle"; readonly id: string; readonly handleId: string; readonly grab: Point; readonly action: string }
  | { readonly name: "brushing"; readonly start: Point; readonly current: Point; readonly additive: boolean };

const ACTION_BY_ROLE: Readonly<Record<Handle["role"], string>> = { vertex: "move vertex", edge: "insert vertex", resize: "resize", rotate: "rotate" };

export class SelectTool implements Tool {
  readonly id = "select";
  private s: SelectState = { name: "idle" };
  private hoverCursor = "default";

  constructor(private readonly ctx: ToolContext) {}

  get state(): SelectState["name"] {
    return this.s.name;
  }

  /** The handle under `p` on the single selected, editable object. */
  private handleUnder(p: Point): { obj: AnyObject; handle: Handle } | null {
    const sel = this.ctx.store.selected();
    if (sel.length !== 1) return null;
    const obj = this.ctx.store.get(sel[0] as string);
    if (!editable(this.ctx, obj)) return null;
    const scale = this.ctx.scale();
    const handle = handleAt(visibleHandles(this.ctx.kinds, obj, scale), p, scale, this.ctx.settings.handleRadiusPx);
    return handle === null ? null : { obj, handle };
  }

  pointerDown(e: ToolPointer): void {
    if (e.button !== 0 || this.s.name !== "idle") return;
    const store = this.ctx.store;
    const under = this.handleUnder(e.point);
    if (under !== null) {
      const index = Number(under.handle.id.slice(2));
      if (e.alt && under.handle.role === "vertex") alterVertex(this.ctx, under.obj, index);
      else this.s = { name: "pointing_handle", id: under.obj.id, handle: under.handle, start: e.point };
      return;
    }
    const pick = this.ctx.pick(e.point);
    if (pick === null) {
      this.s = { name: "pointing_canvas", start: e.point, additive: e.shift };
      return;
    }
    const selected = store.isSelected(pick.id);
    if (e.shift && !selected) store.select([pick.id], "add");
    else if (!e.shift && !selected) store.select([pick.id]);
    this.s = { name: "pointing_object", id: pick.id, start: e.point, deselectOnUp: e.shift && selected };
  }

  pointerMove(e: ToolPointer): void {
    const s = this.s;
    const past = (start: Point): boolean => screenDistance(this.ctx, start, e.point) >= this.ctx.settings.dragThresholdPx;
    switch (s.name) {
      case "idle":
        this.hoverCursor = this.cursorAt(e.point);
        return;
      case "pointing_object": {
        if (!past(s.start)) return;
        const originals = selectedEditable(this.ctx);
        if (originals.length === 0) {
          this.s = { name: "idle" };
          return;
        }
        this.ctx.store.beginPreview();
        this.s = { name: "translating", start: s.start, originals };
        this.translate(e);
        return;
      }
      case "translating":
        this.translate(e);
        return;
      case "pointing_handle":
        if (!past(s.start)) return;
        this.ctx.store.beginPreview();
        this.s = {
          name: "dragging_handle",
          id: s.id,
          handleId: s.handle.id,
          grab: { x: s.handle.x - s.start.x, y: s.handle.y - s.start.y },
          action: ACTION_BY_ROLE[s.handle.role],
        };
        this.dragHandle(e);
        return;
      case "dragging_handle":
        this.dragHandle(e);
        return;
      case "pointing_canvas":
        if (past(s.start)) this.s = { name: "brushing", start: s.start, current: e.point, additive: s.additive };
        this.ctx.overlayChanged();
        return;
      case "brushing":
        this.s = { ...s, current: e.point };
        this.ctx.overlayChanged();
        return;
    }
  }

  private translate(e: ToolPointer): void {
    if (this.s.name !== "translating") return;
    let dx = e.point.x - this.s.start.x;
    let dy = e.point.y - this.s.start.y;
    if (e.shift) {
      if (Math.abs(dx) > Math.abs(dy)) dy = 0;
      else dx = 0;
    }
    this.ctx.store.updatePreview({ update: this.s.originals.map((o) => translated(this.ctx, o, dx, dy)) });
  }

  private dragHandle(e: ToolPointer): void {
    const s = this.s;
    if (s.name !== "dragging_handle") return;
    const obj = this.ctx.store.get(s.id);
    if (obj === undefined) return;
    const to = { x: e.point.x + s.grab.x, y: e.point.y + s.grab.y };
    const result = kindUtil(this.ctx.kinds, obj).dragHandle(obj.geometry, s.handleId, to, { shift: e.shift });
    if (result === null) return;
    this.ctx.store.updatePreview({ update: [{ ...obj, geometry: result.geometry } as AnyObject] });
    this.s = { ...s, handleId: result.handleId };
  }

  pointerUp(e: ToolPointer): void {
    const s = this.s;
    const store = this.ctx.store;
    this.s = { name: "idle" };
    switch (s.name) {
      case "pointing_object":
        if (s.deselectOnUp) store.select([s.id], "remove");
        else if (!e.shift && store.selected().length > 1) store.select([s.id]);
        return;
      case "translating":
        store.commitPreview("move");
        return;
      case "dragging_handle":
        store.commitPreview(s.action);
        return;
      case "pointing_canvas":
        if (!s.additive) store.select([]);
        return;
      case "brushing": {
        const ids = this.ctx.objectsInBox(boxFromCorners(s.start.x, s.start.y, e.point.x, e.point.y));
        store.select(ids, s.additive ? "add" : "replace");
        this.ctx.overlayChanged();
        return;
      }
      default:
        return;
    }
  }

  keyDown(e: ToolKey): boolean {
    if (e.key === "Escape") {
      if (this.s.name === "idle") {
        if (this.ctx.store.selected().length === 0) return false;
        this.ctx.store.select([]);
      } else this.cancel();
      return true;
    }
    if (this.s.name !== "idle") return false;
    if (e.key === "Tab") return cycleSelection(this.ctx, e.shift);
    if (e.key === "Delete" || e.key === "Backspace") return deleteSelected(this.ctx);
    if (e.ctrl && e.key.toLowerCase() === "a") {
      this.ctx.store.select(this.ctx.store.ordered().filter((o) => editable(this.ctx, o)).map((o) => o.id));
      return true;
    }
    const arrow = ARROWS[e.key];
    if (arrow !== undefined) {
      const step = e.shift ? 10 : 1;
      return nudgeSelected(this.ctx, arrow[0] * step, arrow[1] * step);
    }
    return false;
  }

  cancel(): void {
    this.ctx.store.cancelPreview();
    const hadMarquee = this.s.name === "brushing";
    this.s = { name: "idle" };
    if (hadMarquee) this.ctx.overlayChanged();
  }

  overlay(): readonly OverlayItem[] {
    const s = this.s;
    if (s.name !== "brushing") return [];
    return [{ type: "marquee", box: boxFromCorners(s.start.x, s.start.y, s.current.x, s.current.y) }];
  }

  private cursorAt(p: Point): string {
    const under = this.handleUnder(p);
    if (under !== null) return under.handle.role === "rotate" ? "alias" : under.handle.role === "edge" ? "copy" : "crosshair";
    return this.ctx.pick(p) === null ? "default" : "move";
  }

  cursor(): string {
    switch (this.s.name) {
      case "idle":
        return this.hoverCursor;
      case "translating":
      case "pointing_object":
        return "move";
      case "pointing_handle":
      case "dragging_handle":
        return "grabbing";
      default:
        return "crosshair";
    }
  }
}
