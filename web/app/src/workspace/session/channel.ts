/** A value React reads with `useSyncExternalStore`: `subscribe` and `get`; `set` tells every listener. */
export class Channel<T> {
  private readonly listeners = new Set<() => void>();

  constructor(private value: T) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly get = (): T => this.value;

  set(value: T): void {
    this.value = value;
    for (const l of this.listeners) l();
  }

  clear(): void {
    this.listeners.clear();
  }
}
