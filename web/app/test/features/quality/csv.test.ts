import { describe, expect, it } from "vitest";
import { csvField, csvHref, toCsv } from "../../../src/features/quality/csv";

describe("csvField", () => {
  it("leaves plain text and numbers as they are and writes null as an empty field", () => {
    expect([csvField("car"), csvField(0.5), csvField(null)]).toEqual(["car", "0.5", ""]);
  });

  it("quotes a field holding a comma, a quote or a line break, doubling its quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });
});

describe("toCsv", () => {
  it("writes the header then one line per row, each ended by CRLF", () => {
    expect(toCsv(["label", "f1"], [["car", 0.75], ["bus", null]])).toBe("label,f1\r\ncar,0.75\r\nbus,\r\n");
  });
});

describe("csvHref", () => {
  it("is a data URL that decodes back to the CSV", () => {
    const href = csvHref("a,b\r\nx é,1\r\n");
    expect(href.startsWith("data:text/csv;charset=utf-8,")).toBe(true);
    expect(decodeURIComponent(href.split(",").slice(1).join(","))).toBe("a,b\r\nx é,1\r\n");
  });
});
