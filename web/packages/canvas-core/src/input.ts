/**
 * Turns screen input into tool events and view changes: pointer positions become image
 * coordinates, the middle button or Space+drag pans, the wheel zooms about the cursor, and
 * keys the active tool does not use fall through to the editor's bindings.
 *
 * | input                         | effect                                  |
 * |-------------------------------|-----------------------------------------|
 * | wheel                         | zoom about the cursor                   |
 * | middle drag, Space + drag     | pan                                     |
 * | Ctrl/Cmd+Z, Ctrl+Shift+Z, Ctrl+Y | undo, redo                           |
 * | Ctrl/Cmd+C, Ctrl/Cmd+V        | copy, paste                             |
 * | + / =, -                      | zoom in, zoom out about the cursor      |
 * | Delete                        | delete the selection (any tool, when idle) |
 */
import type { Editor } from "./editor";
import type { Point } from "./geometry/point";
import type { ToolPointer } from "./tools/tool";
import { toImage, toScreen } from "./viewport";

/** A pointer event in CSS pixels relative to the canvas's top-left corner. */
export interface ScreenPointer {
  readonly x: number;
  readonly y: number;
  readonly button: number;
  readonly shift: boolean;
  readonly alt: boolean;
  /** Ctrl, or Cmd on macOS. */
  readonly ctrl: boolean;
}

export interface KeyInput {
  readonly key: string;
  readonly shift: boolean;
  readonly alt: boolean;
  readonly ctrl: boolean;
}

export interface WheelInput {
  readonly x: number;
  readonly y: number;
  /** Pixels; positive scrolls down (zooms out). */
  readonly deltaY: number;
  /** A trackpad pinch arrives as a wheel with Ctrl held and small deltas. */
  readonly ctrl: boolean;
}

export class InputRouter {
  private pan: Point | null = null;
  private space = false;

  constructor(private readonly editor: Editor) {}

  get panning(): boolean {
    return this.pan !== null;
  }

  private toTool(e: ScreenPointer): ToolPointer {
    return { point: toImage(this.editor.viewport, e), button: e.button, shift: e.shift, alt: e.alt, ctrl: e.ctrl };
  }

  pointerDown(e: ScreenPointer): void {
    if (e.button === 1 || (e.button === 0 && this.space)) {
      this.pan = { x: e.x, y: e.y };
      this.editor.toolUpdated();
      return;
    }
    this.editor.tool.pointerDown(this.toTool(e));
    this.editor.toolUpdated();
  }

  pointerMove(e: ScreenPointer): void {
    const ed = this.editor;
    const te = this.toTool(e);
    ed.cursorPoint = te.point;
    ed.emitCursor(te.point);
    if (this.pan !== null) {
      ed.view.panBy(e.x - this.pan.x, e.y - this.pan.y);
      this.pan = { x: e.x, y: e.y };
      return;
    }
    const tool = ed.tool;
    tool.pointerMove(te);
    const hover = tool.id === "select" && tool.state === "idle" ? (ed.pickAt(te.point)?.id ?? null) : null;
    if (hover !== ed.hover || ed.viewOptions.crosshair) {
      ed.hover = hover;
      ed.renderer.invalidate("overlay");
    }
    ed.toolUpdated();
  }

  pointerUp(e: ScreenPointer): void {
    if (this.pan !== null) {
      this.pan = null;
      this.editor.toolUpdated();
      return;
    }
    this.editor.tool.pointerUp(this.toTool(e));
    this.editor.toolUpdated();
  }

  /** The pointer left the canvas: no cursor, no hover. */
  pointerLeave(): void {
    const ed = this.editor;
    ed.cursorPoint = null;
    ed.hover = null;
    ed.emitCursor(null);
    ed.renderer.invalidate("overlay");
  }

  wheel(e: WheelInput): void {
    const factor = Math.exp(-e.deltaY / (e.ctrl ? 100 : 500));
    this.editor.setViewport(zoomClamp(this.editor, { x: e.x, y: e.y }, factor));
  }

  /** True when the key was used (the DOM adapter then prevents the browser's default). */
  keyDown(e: KeyInput): boolean {
    const ed = this.editor;
    if (e.key === " ") {
      this.space = true;
      return true;
    }
    const used = ed.tool.keyDown({ key: e.key, shift: e.shift, alt: e.alt, ctrl: e.ctrl });
    ed.toolUpdated();
    if (used) return true;
    const key = e.key.toLowerCase();
    if (e.ctrl && key === "z") return e.shift ? ed.redo() || true : ed.undo() || true;
    if (e.ctrl && key === "y") return ed.redo() || true;
    if (e.ctrl && key === "c") return ed.copy() > 0;
    if (e.ctrl && key === "v") return ed.paste().length > 0;
    const at = ed.cursorPoint === null ? undefined : toScreen(ed.viewport, ed.cursorPoint);
    if (e.key === "+" || e.key === "=") {
      ed.view.zoomIn(at);
      return true;
    }
    if (e.key === "-") {
      ed.view.zoomOut(at);
      return true;
    }
    if (e.key === "Delete" && ed.tool.state === "idle") return ed.deleteSelected() > 0;
    return false;
  }

  keyUp(e: KeyInput): void {
    if (e.key === " ") this.space = false;
  }
}

function zoomClamp(editor: Editor, at: Point, factor: number): Editor["viewport"] {
  const v = editor.viewport;
  const s = Math.min(Math.max(v.scale * factor, v.minScale), v.maxScale);
  const ix = (at.x - v.offsetX) / v.scale;
  const iy = (at.y - v.offsetY) / v.scale;
  return { ...v, scale: s, offsetX: at.x - ix * s, offsetY: at.y - iy * s };
}
