/**
 * A video job's frames, decoded ahead of the playhead from the task's chunks so that playback never
 * waits (docs/video-editor.md):
 *
 * - chunks (stored zips of JPEGs) are fetched for the frames ahead of the one shown, a few at once,
 *   and kept as bytes (capped);
 * - the frames ahead are decoded off the main thread (`createImageBitmap`) in playback order, a few at
 *   a time, into a cache capped in bytes; past the cap the frames farthest from the playhead go first
 *   (those behind it before those ahead);
 * - a frame asked for with nothing in reach (a seek) is fetched alone, which is quicker than its chunk.
 *
 * The frame on screen, and the last ones handed out, are never released: the canvas still draws them.
 */
import type { CanvasImage } from "@annota/canvas-core";
import type { FrameSource } from "../../workspace/media/frameSource";
import { memberFrame, memberMime, readStoredZip, type ZipMember } from "./storedZip";

export interface DecodedFrame extends CanvasImage {
  /** Releases the decoded pixels (ImageBitmap.close); the frame is not drawn again afterwards. */
  close?(): void;
}

export interface FrameStoreOptions {
  /** The job's frames: nothing outside them is fetched. */
  readonly first: number;
  readonly last: number;
  readonly chunkSize: number;
  /** Bytes of one decoded frame (width × height × 4), to size the cache in frames. */
  readonly frameBytes: number;
  readonly fetchChunk: (chunk: number, signal: AbortSignal) => Promise<ArrayBuffer>;
  readonly fetchFrame: (frame: number, signal: AbortSignal) => Promise<Blob>;
  readonly decode: (blob: Blob) => Promise<DecodedFrame>;
  /** Cap of the decoded frames (default 512 MiB). */
  readonly maxDecodedBytes?: number;
  /** Cap of the chunks kept as bytes (default 128 MiB). */
  readonly maxChunkBytes?: number;
  /** Chunks fetched past the decoded window (default 2). */
  readonly chunksAhead?: number;
  /** Decodes run at once (default 4). */
  readonly parallelDecodes?: number;
}

export interface FrameStoreStats {
  readonly decodedFrames: number;
  readonly decodedBytes: number;
  readonly chunks: number;
  readonly chunkBytes: number;
  readonly chunkFetches: number;
  readonly frameFetches: number;
  readonly failures: number;
}

interface Chunk {
  readonly buffer: ArrayBuffer;
  readonly members: ReadonlyMap<number, ZipMember>;
}

const MIB = 1024 * 1024;
/** Frames given out last: the canvas may be about to draw them, so they are not released. */
const HANDED_OUT = 3;

/** The browser's decoder, off the main thread. */
export async function decodeBitmap(blob: Blob): Promise<DecodedFrame> {
  const bitmap = await createImageBitmap(blob);
  return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
}

export class FrameStore implements FrameSource {
  private readonly decoded = new Map<number, DecodedFrame>();
  private readonly decoding = new Map<number, Promise<DecodedFrame>>();
  private readonly chunks = new Map<number, Chunk>();
  private readonly chunkLoads = new Map<number, Promise<Chunk>>();
  private readonly aborts = new Set<AbortController>();
  private readonly handedOut: number[] = [];
  private readonly maxDecodedBytes: number;
  private readonly maxChunkBytes: number;
  private pinned: number | null = null;
  /** The playhead: nothing is fetched ahead before a frame is first shown. */
  private anchor: number | null = null;
  private lookahead = 30;
  private active = 0;
  private destroyed = false;
  private counts = { chunkFetches: 0, frameFetches: 0, failures: 0 };

  constructor(private readonly options: FrameStoreOptions) {
    this.maxDecodedBytes = options.maxDecodedBytes ?? 512 * MIB;
    this.maxChunkBytes = options.maxChunkBytes ?? 128 * MIB;
  }

  /** How many frames past the playhead to keep decoded (the player asks for about 1.5 s of playback); capped by the cache. */
  setLookahead(frames: number): void {
    const fit = Math.floor((0.6 * this.maxDecodedBytes) / Math.max(1, this.options.frameBytes));
    this.lookahead = Math.max(1, Math.min(Math.ceil(frames), fit));
    this.pump();
  }

  get window(): number {
    return this.lookahead;
  }

  ready(frame: number): DecodedFrame | null {
    const found = this.decoded.get(frame);
    if (found === undefined) return null;
    this.touch(frame, found);
    return found;
  }

  load(frame: number): Promise<DecodedFrame> {
    const found = this.ready(frame);
    if (found !== null) return Promise.resolve(found);
    const pending = this.decoding.get(frame) ?? this.startDecode(frame, true);
    return pending.then((d) => {
      this.handOut(frame);
      return d;
    });
  }

  showing(frame: number): void {
    this.pinned = frame;
    this.anchor = frame;
    this.pump();
  }

  stats(): FrameStoreStats {
    return {
      decodedFrames: this.decoded.size,
      decodedBytes: this.decodedBytes(),
      chunks: this.chunks.size,
      chunkBytes: this.chunkBytes(),
      ...this.counts,
    };
  }

  destroy(): void {
    this.destroyed = true;
    for (const a of this.aborts) a.abort();
    for (const d of this.decoded.values()) d.close?.();
    this.decoded.clear();
    this.chunks.clear();
  }

  // ---- fetching and decoding ----

  private chunkOf(frame: number): number {
    return Math.floor(frame / this.options.chunkSize);
  }

  private fetching<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const abort = new AbortController();
    this.aborts.add(abort);
    return run(abort.signal).finally(() => this.aborts.delete(abort));
  }

  private loadChunk(chunk: number): Promise<Chunk> {
    const known = this.chunks.get(chunk);
    if (known !== undefined) return Promise.resolve(known);
    const loading = this.chunkLoads.get(chunk);
    if (loading !== undefined) return loading;
    this.counts.chunkFetches += 1;
    const load = this.fetching((signal) => this.options.fetchChunk(chunk, signal)).then((buffer) => {
      const members = new Map<number, ZipMember>();
      for (const m of readStoredZip(buffer, ["chunks", chunk])) {
        const frame = memberFrame(m.name);
        if (frame !== null) members.set(frame, m);
      }
      const read: Chunk = { buffer, members };
      if (this.destroyed) return read;
      this.chunks.set(chunk, read);
      this.evictChunks();
      queueMicrotask(() => this.pump());
      return read;
    });
    this.chunkLoads.set(chunk, load);
    load.then(
      () => this.chunkLoads.delete(chunk),
      () => {
        this.chunkLoads.delete(chunk);
        this.counts.failures += 1;
      },
    );
    return load;
  }

  /** The frame's compressed bytes: from its chunk when the chunk is here or on its way, else fetched alone when `alone`. */
  private async bytes(frame: number, alone: boolean): Promise<Blob> {
    const chunk = this.chunkOf(frame);
    const ready = this.chunks.get(chunk);
    if (ready !== undefined || this.chunkLoads.has(chunk) || !alone) {
      try {
        const got = ready ?? (await this.loadChunk(chunk));
        const member = got.members.get(frame);
        if (member !== undefined) return new Blob([new Uint8Array(got.buffer, member.offset, member.size)], { type: memberMime(member.name) });
      } catch (error) {
        if (!alone) throw error;
      }
    }
    this.counts.frameFetches += 1;
    return this.fetching((signal) => this.options.fetchFrame(frame, signal));
  }

  private startDecode(frame: number, alone: boolean): Promise<DecodedFrame> {
    this.active += 1;
    const run = this.bytes(frame, alone)
      .then((blob) => this.options.decode(blob))
      .then((d) => {
        if (this.destroyed) {
          d.close?.();
          return d;
        }
        this.decoded.set(frame, d);
        this.evictFrames();
        return d;
      });
    this.decoding.set(frame, run);
    const settle = () => {
      this.decoding.delete(frame);
      this.active -= 1;
      this.pump();
    };
    run.then(settle, () => {
      this.counts.failures += 1;
      settle();
    });
    return run;
  }

  /** Starts what the window ahead of the playhead still needs: its chunks, then decodes in playback order. */
  private pump(): void {
    if (this.destroyed || this.anchor === null) return;
    const { first, last, chunksAhead = 2, parallelDecodes = 4 } = this.options;
    const from = Math.max(first, this.anchor);
    const to = Math.min(last, from + this.lookahead);
    const lastChunk = Math.min(this.chunkOf(last), this.chunkOf(to) + chunksAhead);
    for (let c = this.chunkOf(from); c <= lastChunk; c++) this.loadChunk(c).catch(() => undefined);
    for (let f = from; f <= to && this.active < parallelDecodes; f++) {
      if (this.decoded.has(f) || this.decoding.has(f)) continue;
      if (!this.chunks.has(this.chunkOf(f))) break; // in order: wait for its chunk
      this.startDecode(f, false).catch(() => undefined);
    }
  }

  // ---- the caches' caps ----

  private touch(frame: number, d: DecodedFrame): void {
    this.decoded.delete(frame);
    this.decoded.set(frame, d);
    this.handOut(frame);
  }

  private handOut(frame: number): void {
    const i = this.handedOut.indexOf(frame);
    if (i >= 0) this.handedOut.splice(i, 1);
    this.handedOut.push(frame);
    if (this.handedOut.length > HANDED_OUT) this.handedOut.shift();
  }

  private decodedBytes(): number {
    let n = 0;
    for (const d of this.decoded.values()) n += d.width * d.height * 4;
    return n;
  }

  private chunkBytes(): number {
    let n = 0;
    for (const c of this.chunks.values()) n += c.buffer.byteLength;
    return n;
  }

  /** How much a frame is worth keeping: the playhead's neighbourhood ahead most, frames behind it least. */
  private distance(frame: number): number {
    const anchor = this.anchor ?? this.options.first;
    return frame >= anchor ? frame - anchor : (anchor - frame) * 4;
  }

  private evictFrames(): void {
    let bytes = this.decodedBytes();
    while (bytes > this.maxDecodedBytes) {
      let victim: number | null = null;
      for (const f of this.decoded.keys()) {
        if (f === this.pinned || this.handedOut.includes(f)) continue;
        if (victim === null || this.distance(f) > this.distance(victim)) victim = f;
      }
      if (victim === null) return;
      const d = this.decoded.get(victim) as DecodedFrame;
      this.decoded.delete(victim);
      d.close?.();
      bytes -= d.width * d.height * 4;
    }
  }

  private evictChunks(): void {
    let bytes = this.chunkBytes();
    const keep = this.chunkOf(this.anchor ?? this.options.first);
    for (const [c, chunk] of this.chunks) {
      if (bytes <= this.maxChunkBytes) return;
      if (c >= keep && c <= keep + 2) continue;
      this.chunks.delete(c);
      bytes -= chunk.buffer.byteLength;
    }
  }
}
