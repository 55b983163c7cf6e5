/** A bucket's manifest (flat keys under a prefix) seen as folders and objects, one level at a time. */
import type { StoredObject } from "./types";

/** A sub-folder of the level shown: what its keys share up to the next `/`. */
export interface Folder {
  /** The folder's full prefix, ending with `/` (what the server is asked for when it is opened). */
  prefix: string;
  /** Its own name, without the parent's prefix nor the trailing `/`. */
  name: string;
  /** Objects under it among those listed (a lower bound when the listing was truncated). */
  objects: number;
  bytes: number;
}

export interface ManifestLevel {
  folders: Folder[];
  /** Objects right at this level (no `/` after the prefix), in key order. */
  objects: StoredObject[];
}

/** One step of the path shown above the listing: the root (`""`) first. */
export interface Crumb {
  name: string;
  prefix: string;
}

/** The largest listing the server answers at once. */
export const MAX_LISTED = 10_000;
/** How many objects one "more…" adds to the listing. */
export const PAGE_SIZE = 500;

/** Folders (in name order) and objects directly under `prefix`, from keys listed under it. */
export function manifestLevel(items: readonly StoredObject[], prefix: string): ManifestLevel {
  const folders = new Map<string, Folder>();
  const objects: StoredObject[] = [];
  for (const item of items) {
    if (!item.key.startsWith(prefix)) continue;
    const rest = item.key.slice(prefix.length);
    const slash = rest.indexOf("/");
    if (slash < 0) {
      objects.push(item);
      continue;
    }
    const name = rest.slice(0, slash);
    const folder = folders.get(name) ?? { prefix: `${prefix}${name}/`, name, objects: 0, bytes: 0 };
    folder.objects += 1;
    folder.bytes += item.size;
    folders.set(name, folder);
  }
  const byName = [...folders.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { folders: byName, objects };
}

/** `"day1/cam2/"` → root, `day1/`, `day1/cam2/`. */
export function crumbsOf(prefix: string): Crumb[] {
  const crumbs: Crumb[] = [{ name: "", prefix: "" }];
  let at = 0;
  for (let slash = prefix.indexOf("/"); slash >= 0; slash = prefix.indexOf("/", at)) {
    crumbs.push({ name: prefix.slice(at, slash), prefix: prefix.slice(0, slash + 1) });
    at = slash + 1;
  }
  return crumbs;
}

/** The last part of a key, as shown in its folder: `"day1/001.jpg"` → `"001.jpg"`. */
export function baseName(key: string): string {
  return key.slice(key.lastIndexOf("/") + 1);
}

/** The listing limit after one more "more…", never past what the server answers. */
export function nextLimit(limit: number): number {
  return Math.min(limit + PAGE_SIZE, MAX_LISTED);
}

/** Selection in the order chosen: a key not yet chosen goes last; choosing it again removes it. */
export function toggleKey(selection: readonly string[], key: string): string[] {
  return selection.includes(key) ? selection.filter((k) => k !== key) : [...selection, key];
}
