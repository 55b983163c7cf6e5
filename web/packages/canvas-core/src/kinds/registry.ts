/** Every kind the canvas knows, one line each. */
import type { AnnotationObject } from "../model/object";
import type { Kind } from "../model/geometry";
import { ellipseKind } from "./ellipse";
import type { KindUtil } from "./kind";
import { maskKind } from "./mask";
import { pointsKind } from "./points";
import { polygonKind } from "./polygon";
import { polylineKind } from "./polyline";
import { rectangleKind } from "./rectangle";
import { skeletonKind } from "./skeleton";
import { tagKind } from "./tag";

export type KindRegistry = { readonly [K in Kind]: KindUtil<K> };

export const KIND_REGISTRY: KindRegistry = {
  rectangle: rectangleKind,
  ellipse: ellipseKind,
  polygon: polygonKind,
  polyline: polylineKind,
  points: pointsKind,
  skeleton: skeletonKind,
  mask: maskKind,
  tag: tagKind,
};

/** The util for an object's kind, typed so that it accepts that object's geometry. */
export function kindUtil<K extends Kind>(registry: KindRegistry, obj: AnnotationObject<K>): KindUtil<K> {
  return registry[obj.kind] as KindUtil<K>;
}

export function isKind(registry: KindRegistry, kind: unknown): kind is Kind {
  return typeof kind === "string" && Object.hasOwn(registry, kind);
}
