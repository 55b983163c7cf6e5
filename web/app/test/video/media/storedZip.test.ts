import { describe, expect, it } from "vitest";
import { WorkspaceError } from "../../../src/workspace/errors";
import { memberFrame, memberMime, readStoredZip } from "../../../src/video/media/storedZip";
import { chunkOf, storedZip } from "../support";

describe("reading a chunk's stored zip", () => {
  it("gives each member's place in the buffer, in order, without copying", () => {
    const buffer = chunkOf(30, 32);
    const members = readStoredZip(buffer);
    expect(members.map((m) => m.name)).toEqual(["000030.jpg", "000031.jpg", "000032.jpg"]);
    const text = members.map((m) => new TextDecoder().decode(new Uint8Array(buffer, m.offset, m.size)));
    expect(text).toEqual(["30", "31", "32"]);
  });

  it("refuses what is not a zip, naming the chunk", () => {
    expect(() => readStoredZip(new TextEncoder().encode("not a zip at all, really").buffer, ["chunks", 4])).toThrow(/chunks\[4\]: not a zip archive/);
  });

  it("refuses a compressed member, naming it", () => {
    const buffer = storedZip([["000001.jpg", new Uint8Array([1, 2, 3])]]);
    const view = new DataView(buffer);
    const central = view.getUint32(buffer.byteLength - 22 + 16, true);
    view.setUint16(central + 10, 8, true); // deflate
    try {
      readStoredZip(buffer);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(WorkspaceError);
      expect((error as WorkspaceError).issues[0]).toMatchObject({ loc: ["chunk", "000001.jpg"], type: "invalid_chunk" });
    }
  });

  it("reads the frame number and the image type from a member's name", () => {
    expect([memberFrame("000120.jpg"), memberFrame("x/000007.png"), memberFrame("readme.txt")]).toEqual([120, 7, null]);
    expect([memberMime("000120.jpg"), memberMime("000007.PNG")]).toEqual(["image/jpeg", "image/png"]);
  });
});
