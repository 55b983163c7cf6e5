import { describe, expect, it } from "vitest";
import { readPreferences, writePreferences } from "../../src/workspace/preferences";

describe("workspace preferences", () => {
  it("read shortcuts and view options, reporting what does not fit", () => {
    const { preferences, issues } = readPreferences({ shortcuts: { "nav.next": ["J"] }, view: { crosshair: true, fillOpacity: "lots", zoomy: 1 }, theme: "dark" });
    expect(preferences).toEqual({ shortcuts: { "nav.next": ["J"] }, view: { crosshair: true } });
    expect(issues.map((i) => i.loc.join("."))).toEqual(["preferences.view.fillOpacity", "preferences.view.zoomy"]);
  });

  it("keep the keys other parts of the app saved", () => {
    expect(writePreferences({ theme: "dark", view: { crosshair: true } }, { shortcuts: {}, view: { pixelGrid: false } })).toEqual({
      theme: "dark",
      shortcuts: {},
      view: { pixelGrid: false },
    });
  });
});
