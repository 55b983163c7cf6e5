/**
 * The members of a chunk: a zip archive with stored (uncompressed) members, `000120.jpg`, … (see
 * docs/video.md). The central directory at the end gives each member's place, so a member is a view
 * of the buffer: nothing is copied or inflated.
 */
import { WorkspaceError, type WorkspaceIssue } from "../../workspace/errors";

export interface ZipMember {
  readonly name: string;
  /** The member's bytes in the archive's buffer. */
  readonly offset: number;
  readonly size: number;
}

const END_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const END_SIZE = 22;
const STORED = 0;

function findEnd(view: DataView): number {
  const earliest = Math.max(0, view.byteLength - END_SIZE - 0xffff);
  for (let at = view.byteLength - END_SIZE; at >= earliest; at--) if (view.getUint32(at, true) === END_SIGNATURE) return at;
  return -1;
}

/** Every member of a stored zip, in directory order; throws a WorkspaceError naming each problem. */
export function readStoredZip(buffer: ArrayBuffer, loc: readonly (string | number)[] = ["chunk"]): ZipMember[] {
  const view = new DataView(buffer);
  const end = view.byteLength >= END_SIZE ? findEnd(view) : -1;
  if (end < 0) throw WorkspaceError.of(loc, "not a zip archive: no end of central directory", "invalid_chunk");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const members: ZipMember[] = [];
  const issues: WorkspaceIssue[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      issues.push({ loc: [...loc, i], msg: "the central directory is cut short", type: "invalid_chunk" });
      break;
    }
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(new Uint8Array(buffer, at + 46, nameLength));
    at += 46 + skip;
    if (method !== STORED) {
      issues.push({ loc: [...loc, name], msg: `member is compressed (method ${method}); chunks store their frames`, type: "invalid_chunk" });
      continue;
    }
    if (local + 30 > view.byteLength || view.getUint32(local, true) !== LOCAL_SIGNATURE) {
      issues.push({ loc: [...loc, name], msg: "no local header where the directory says", type: "invalid_chunk" });
      continue;
    }
    const offset = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (offset + size > view.byteLength) {
      issues.push({ loc: [...loc, name], msg: "member runs past the end of the archive", type: "invalid_chunk" });
      continue;
    }
    members.push({ name, offset, size });
  }
  if (issues.length > 0) throw new WorkspaceError(issues);
  return members;
}

/** `000120.jpg` → 120 (the task frame a chunk member holds); null for another name. */
export function memberFrame(name: string): number | null {
  const match = /^(\d+)\.[a-z0-9]+$/i.exec(name.split("/").at(-1) ?? "");
  return match === null ? null : Number(match[1]);
}

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = { jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", webp: "image/webp", gif: "image/gif", bmp: "image/bmp" };

export function memberMime(name: string): string {
  return MIME_BY_EXTENSION[name.split(".").at(-1)?.toLowerCase() ?? ""] ?? "application/octet-stream";
}
