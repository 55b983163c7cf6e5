/** Tag: a label on the whole frame. No geometry: never drawn, never hit, saved in the `tags` collection. */
import type { Issue, Loc } from "../errors";
import type { Point } from "../geometry/point";
import type { TagGeometry } from "../model/geometry";
import type { Json } from "../model/read";
import type { DrawParams, PathSink } from "../render/context";
import type { DragModifiers, Handle, HandleDrag, HandleView, KindUtil } from "./kind";

const NO_GEOMETRY: TagGeometry = Object.freeze({});

export const tagKind: KindUtil<"tag"> = {
  kind: "tag",
  collection: "tags",
  wireFields: [],
  closed: false,

  parse(_wire: Json, _loc: Loc, _issues: Issue[]): TagGeometry {
    return NO_GEOMETRY;
  },

  serialize(_g: TagGeometry): Record<string, unknown> {
    return {};
  },

  bbox(_g: TagGeometry): null {
    return null;
  },

  hitTest(_g: TagGeometry, _p: Point, _tolerance: number): null {
    return null;
  },

  handles(_g: TagGeometry, _view: HandleView): Handle[] {
    return [];
  },

  dragHandle(_g: TagGeometry, _handleId: string, _to: Point, _mods: DragModifiers): HandleDrag<TagGeometry> | null {
    return null;
  },

  translate(g: TagGeometry, _dx: number, _dy: number): TagGeometry {
    return g;
  },

  traceOutline(_path: PathSink, _g: TagGeometry, _params: DrawParams): void {},
};
