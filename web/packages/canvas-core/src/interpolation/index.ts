// Track interpolation: the rules of docs/interpolation.md, which the Python domain implements too.
// Both pass the same vectors in spec/interpolation/.
export { interpolateGeometry, segment, SEGMENTS, type Segment } from "./kinds";
export type { AnyTrack, Attributes, FrameRange, FrameRangeTag, Track, TrackKeyframe, TrackState, WireTrackState } from "./model";
export { expand, shapeAt, stateToWire, TrackStates, type TrackStateStats } from "./state";
export { tagsAt } from "./tags";
export { parseFrameRangeTag, parseTrack } from "./wire";
