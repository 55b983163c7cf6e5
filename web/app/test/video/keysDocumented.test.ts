// @vitest-environment node
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ACTION_IDS, ACTIONS } from "../../src/workspace/hotkeys/actions";
import { formatCombo } from "../../src/workspace/hotkeys/combo";

const doc = readFileSync(fileURLToPath(new URL("../../../../docs/video-editor.md", import.meta.url)), "utf8");
const keysSection = doc.split("## Keys", 2)[1]?.split("\n## ", 1)[0] ?? "";

describe("docs/video-editor.md", () => {
  it("lists every video key with its default", () => {
    const missing = ACTION_IDS.filter((id) => ACTIONS[id].group === "video").flatMap((id) => ACTIONS[id].keys.filter((k) => !keysSection.includes(formatCombo(k))).map((k) => `${id}: ${k}`));
    expect(missing).toEqual([]);
  });
});
