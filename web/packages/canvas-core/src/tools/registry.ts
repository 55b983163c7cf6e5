/** Every tool, one line each. */
import { BoxDrawTool, buildEllipse, buildRectangle, buildSkeleton } from "./box-draw";
import { BrushTool } from "./brush";
import { PathDrawTool } from "./path-draw";
import { SelectTool } from "./select";
import type { Tool, ToolContext, ToolId } from "./tool";

export const TOOL_FACTORIES: Readonly<Record<ToolId, (ctx: ToolContext) => Tool>> = {
  select: (ctx) => new SelectTool(ctx),
  rectangle: (ctx) => new BoxDrawTool(ctx, "rectangle", buildRectangle),
  ellipse: (ctx) => new BoxDrawTool(ctx, "ellipse", buildEllipse),
  skeleton: (ctx) => new BoxDrawTool(ctx, "skeleton", buildSkeleton),
  polygon: (ctx) => new PathDrawTool(ctx, "polygon"),
  polyline: (ctx) => new PathDrawTool(ctx, "polyline"),
  points: (ctx) => new PathDrawTool(ctx, "points"),
  brush: (ctx) => new BrushTool(ctx, "brush"),
  eraser: (ctx) => new BrushTool(ctx, "eraser"),
};
