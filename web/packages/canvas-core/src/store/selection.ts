/** The selection and the hidden/locked view flags of the store: never saved, never undone. */
import { CanvasError } from "../errors";
import type { StoreEvent } from "./changes";

export type SelectMode = "replace" | "add" | "toggle" | "remove";

export class Selection {
  private selection: string[] = [];
  private readonly hidden = new Set<string>();
  private readonly locked = new Set<string>();

  constructor(
    /** Whether an id is shown (only shown objects can be selected). */
    private readonly shown: (id: string) => boolean,
    private readonly emit: (event: StoreEvent) => void,
  ) {}

  get ids(): readonly string[] {
    return this.selection;
  }

  select(ids: readonly string[], mode: SelectMode): void {
    const unknown = ids.filter((id) => !this.shown(id));
    if (unknown.length > 0) throw new CanvasError(unknown.map((id) => ({ loc: ["select", id], msg: `no object ${id}`, type: "not_found" as const })));
    let next: string[];
    if (mode === "replace") next = [...new Set(ids)];
    else if (mode === "add") next = [...new Set([...this.selection, ...ids])];
    else if (mode === "remove") next = this.selection.filter((id) => !ids.includes(id));
    else {
      const toggled = new Set(this.selection);
      for (const id of ids) if (!toggled.delete(id)) toggled.add(id);
      next = [...toggled];
    }
    this.set(next);
  }

  set(next: readonly string[]): void {
    if (next.length === this.selection.length && next.every((id, i) => id === this.selection[i])) return;
    this.selection = [...next];
    this.emit({ type: "selection", selected: this.selection });
  }

  /** Drops selected ids that are no longer shown. */
  dropMissing(): void {
    this.set(this.selection.filter((id) => this.shown(id)));
  }

  setHidden(ids: readonly string[], hidden: boolean): void {
    this.setFlag(this.hidden, ids, hidden);
  }

  isHidden(id: string): boolean {
    return this.hidden.has(id);
  }

  setLocked(ids: readonly string[], locked: boolean): void {
    this.setFlag(this.locked, ids, locked);
  }

  isLocked(id: string): boolean {
    return this.locked.has(id);
  }

  clearFlags(): void {
    this.hidden.clear();
    this.locked.clear();
  }

  private setFlag(set: Set<string>, ids: readonly string[], on: boolean): void {
    const changed = ids.filter((id) => set.has(id) !== on);
    for (const id of changed) {
      if (on) set.add(id);
      else set.delete(id);
    }
    if (changed.length > 0) this.emit({ type: "flags", ids: changed });
  }
}
