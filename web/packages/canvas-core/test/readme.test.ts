/** The README documents every façade command, event and tool (docs that cannot go stale). */
import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { CANVAS_EVENT_NAMES } from "../src/events";
import { facadeOf } from "../src/facade";
import { TOOL_IDS } from "../src/tools/tool";
import { testEditor } from "./support/fixtures";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("README", () => {
  it("documents every façade command", () => {
    const commands = Object.keys(facadeOf(testEditor().editor));
    expect(commands.filter((c) => !readme.includes(`\`${c}(`) && !readme.includes(`${c}()`))).toEqual([]);
  });

  it("documents every event", () => {
    expect(CANVAS_EVENT_NAMES.filter((e) => !readme.includes(`| \`${e}\` |`))).toEqual([]);
  });

  it("documents every tool", () => {
    expect(TOOL_IDS.filter((t) => !readme.includes(`\`${t}\``))).toEqual([]);
  });
});
