// Public API of @annota/canvas-core. The React UI needs only `createCanvas` and the types;
// the rest is exported for tests, tools and other front-ends built on the same core.

// Façade
export { createCanvas, facadeOf, type CanvasFacade, type CanvasOptions } from "./facade";
export { ViewController, ZOOM_STEP } from "./view-controller";
export { Editor, type EditorOptions, type EditorSurface, type ObjectUpdate } from "./editor";
export { TrackCommands, type FrameObject, type FrameObjectState, type KeyframeScope, type ReceiveTrackOptions, type TrackCommandContext } from "./track-commands";
export { CANVAS_EVENT_NAMES, type CanvasEventHandler, type CanvasEventName, type CanvasEvents } from "./events";
export type { KeyInput, ScreenPointer, WheelInput } from "./input";
export { CanvasError, formatLoc, type ErrorType, type Issue, type Loc } from "./errors";

// Model and wire format
export { KINDS, type GeometryByKind, type Kind, type ShapeKind, type Visibility } from "./model/geometry";
export type { EllipseGeometry, MaskGeometry, RectangleGeometry, SkeletonGeometry, TagGeometry, VertexGeometry } from "./model/geometry";
export { SOURCES, type AnnotationObject, type AnyObject, type AttributeValue, type GeometryPatch, type ObjectPatch, type Source } from "./model/object";
export { labelAllowsKind, parseLabels, type Label, type LabelId, type LabelInput, type LabelKind, type SkeletonPoint, type SkeletonTemplate } from "./model/label";
export { ATTRIBUTE_KINDS, acceptsValue, effectiveDefault, parseAttributeSpecs, type AttributeKind, type AttributeSpec, type AttributeSpecInput } from "./model/attribute-spec";
export { parseAnnotations, toWire, type AnnotationInput, type WireShape, type WireTag } from "./model/wire";

// Geometry
export type { Box } from "./geometry/box";
export type { Point } from "./geometry/point";

// Kinds
export type { DragModifiers, Handle, HandleDrag, HandleRole, HandleView, KindUtil, VertexEditing } from "./kinds/kind";
export { KIND_REGISTRY, kindUtil, type KindRegistry } from "./kinds/registry";
export { MaskBitmap, decodeMask, encodeMask } from "./kinds/mask-rle";
export { fillPolygon, paintStroke } from "./kinds/mask-paint";
export { skeletonFromTemplate, cycleVisibility } from "./kinds/skeleton";

// Store
export { AnnotationStore, type SelectMode } from "./store/store";
export type { ChangeCause, ChangeRequest, ChangeSet, DocumentChanges, ObjectChange, StoreEvent, StoreListener, TrackChange } from "./store/changes";
export type { Scope } from "./store/content";
export type { CollectionDiff, PendingDiff } from "./store/diff";

// Viewport
export * as viewport from "./viewport";
export type { ViewportLimits, ViewportState } from "./viewport";

// Tools
export { DEFAULT_TOOL_SETTINGS, DRAW_MODES, TOOL_IDS, type DrawMode, type OverlayItem, type Tool, type ToolContext, type ToolId, type ToolKey, type ToolPointer, type ToolSettings } from "./tools/tool";
export { TOOL_FACTORIES } from "./tools/registry";

// Rendering
export type { DrawContext, DrawParams, PathSink, ShapeStyle } from "./render/context";
export { Renderer, ALL_LAYERS, type Layer, type RenderLayers, type RenderStats } from "./render/renderer";
export type { CanvasImage, RenderScene } from "./render/scene";
export { ManualScheduler, animationFrameScheduler, type FrameScheduler } from "./render/scheduler";
export { SpatialIndex } from "./render/spatial-index";
export { DEFAULT_VIEW_OPTIONS, PIXEL_GRID_MIN_SCALE, imageFilterCss, type ViewOptions } from "./render/view-options";
export { STROKE_DASHES, type Stroke } from "./render/draw-object";

// Track interpolation (docs/interpolation.md; vectors in spec/interpolation shared with the server)
export * from "./interpolation";

// Tracks in the editor: edits, commands, timeline, wire form
export { editedTrack, splitAttributes, type AttributeSplit } from "./tracks/edit";
export { mergeTracks, propagateShape, propagateTrack, shapeFromState, splitTrack, toggleKeyframe, trackFromShape, type Outcome } from "./tracks/commands";
export { keyframeAfter, keyframeBefore, timelineOf, type FrameSpan, type TrackTimeline } from "./tracks/timeline";
export { parseJob, readTracks, trackToWire, type JobAnnotationInput, type WireKeyframe, type WireTrack } from "./tracks/wire";
export { stateObject, TrackStateCache } from "./tracks/project";
