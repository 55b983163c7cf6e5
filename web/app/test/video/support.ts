/** Test doubles for the video modules: stored zips made in memory, decoded frames that are plain objects. */
import type { DecodedFrame } from "../../src/video/media/frameStore";

/** A stored (uncompressed) zip of `files`, written as the server writes chunks. */
export function storedZip(files: readonly (readonly [string, Uint8Array])[]): ArrayBuffer {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const n = encoder.encode(name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(8, 0, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, n.length, true);
    parts.push(new Uint8Array(local.buffer), n, data);
    const entry = new DataView(new ArrayBuffer(46));
    entry.setUint32(0, 0x02014b50, true);
    entry.setUint16(10, 0, true);
    entry.setUint32(20, data.length, true);
    entry.setUint32(24, data.length, true);
    entry.setUint16(28, n.length, true);
    entry.setUint32(42, offset, true);
    central.push(new Uint8Array(entry.buffer), n);
    offset += 30 + n.length + data.length;
  }
  const centralSize = central.reduce((s, p) => s + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, files.length, true);
  end.setUint16(10, files.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out.buffer;
}

/** A chunk of frames `from` … `to`: member `000123.jpg` holds the text "123". */
export function chunkOf(from: number, to: number): ArrayBuffer {
  const files: [string, Uint8Array][] = [];
  for (let f = from; f <= to; f++) files.push([`${String(f).padStart(6, "0")}.jpg`, new TextEncoder().encode(String(f))]);
  return storedZip(files);
}

export interface FakeFrame extends DecodedFrame {
  readonly label: string;
  closed: boolean;
}

/** A decoder into objects naming what the blob held (its text), of the given size. */
export function fakeDecoder(width: number, height: number): (blob: Blob) => Promise<FakeFrame> {
  return async (blob) => {
    const label = await blob.text();
    const frame: FakeFrame = { source: {} as CanvasImageSource, width, height, label, closed: false, close: () => (frame.closed = true) };
    return frame;
  };
}

/** Frames of 4×4 pixels (64 bytes decoded). */
export const fakeDecode = fakeDecoder(4, 4);

/** Lets every pending promise callback (and their follow-ups) run. */
export async function flush(times = 20): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0));
}
