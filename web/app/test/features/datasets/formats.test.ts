import { describe, expect, it } from "vitest";
import { chosenOptions, formatFeatures, formatsFor, optionsFor } from "../../../src/features/datasets/formats";
import { FORMATS } from "./render";

const named = (name: string) => FORMATS.find((f) => f.name === name);

describe("the formats offered", () => {
  it("are those that read for an import and those that write for an export", () => {
    expect(formatsFor(FORMATS, "import").map((f) => f.name)).toContain("readonly");
    expect(formatsFor(FORMATS, "export").map((f) => f.name)).not.toContain("readonly");
  });

  it("say what they carry besides shapes, in a fixed order", () => {
    expect(formatFeatures(named("mot")!)).toEqual(["tracks", "attributes", "images"]);
  });
});

describe("a format's options", () => {
  it("are those of the direction asked", () => {
    expect(optionsFor(named("voc"), "export").map((o) => o.name)).toEqual(["layout"]);
    expect(optionsFor(named("voc"), "import")).toEqual([]);
    expect(optionsFor(undefined, "import")).toEqual([]);
  });

  it("are sent only when filled in, integers as numbers", () => {
    const values = { data_key: " img ", frame_width: "640", layout: "flat" };
    expect(chosenOptions(named("label_studio"), "import", values)).toEqual({ data_key: "img", frame_width: 640 });
  });

  it("leave out values typed for another format or left empty", () => {
    expect(chosenOptions(named("voc"), "export", { data_key: "img", layout: "" })).toEqual({});
  });

  it("send an integer that is not a whole number as typed, for the server to locate the mistake", () => {
    expect(chosenOptions(named("label_studio"), "import", { frame_width: "6.5" })).toEqual({ frame_width: "6.5" });
  });
});
