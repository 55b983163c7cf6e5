/**
 * The changes applied since the last acknowledged save, and their position in the session's
 * stream of changes: `pendingDiff().through` names how far a save went, so that `acknowledge`
 * drops exactly what that save contained while later changes stay pending.
 */
import { CanvasError } from "../errors";
import type { KindRegistry } from "../kinds/registry";
import type { DocumentChanges } from "./changes";
import { buildDiff, type PendingDiff } from "./diff";

export class Journal {
  private entries: DocumentChanges[] = [];
  /** The position of the first entry. */
  private base = 0;

  push(changes: DocumentChanges): void {
    this.entries.push(changes);
  }

  /** Everything so far counts as saved (a load). */
  restart(): void {
    this.base += this.entries.length;
    this.entries = [];
  }

  diff(registry: KindRegistry): PendingDiff {
    return buildDiff(this.entries, registry, this.base + this.entries.length);
  }

  acknowledge(through: number): void {
    const drop = through - this.base;
    if (!Number.isInteger(through) || drop < 0 || drop > this.entries.length) {
      const range = `${this.base} and ${this.base + this.entries.length}`;
      throw CanvasError.of(["acknowledge", "through"], `expected a journal position between ${range}, got ${through}`, "invalid");
    }
    this.entries = this.entries.slice(drop);
    this.base = through;
  }
}
