/**
 * A value that is expensive to compute (an export, an analysis) and follows the journal: the
 * first caller waits for it; after that every caller gets the last one at once, and a stale one
 * is computed again at most once per `intervalMs` however often the journal changes or callers
 * ask. A caller who finds it stale schedules the next computation, so the last change is always
 * picked up. A failure is kept like a value (and retried no sooner), except that a failed
 * refresh of a good value is reported and the good value served on.
 */
export class ThrottledValue<T> {
  private last: { readonly value: T } | { readonly error: unknown } | undefined;
  private running: Promise<void> | undefined;
  private startedAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly options: {
      readonly compute: () => Promise<T>;
      readonly intervalMs: number;
      /** Whether the value no longer describes the journal (its seq is behind the head). */
      readonly isStale: (value: T) => boolean;
      readonly onError: (error: unknown) => void;
      /** Told of the value a new one replaces, e.g. to delete its files. */
      readonly onReplaced?: (previous: T) => void;
      readonly now?: () => number;
    },
  ) {}

  async get(): Promise<T> {
    if (this.last === undefined) await (this.running ?? this.start());
    else this.refreshIfStale();
    const last = this.last as { value: T } | { error: unknown };
    if ('error' in last) throw last.error;
    return last.value;
  }

  /** Stops scheduling; a computation under way finishes on its own. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private refreshIfStale(): void {
    if (this.running !== undefined || this.timer !== undefined || this.closed) return;
    const last = this.last;
    if (last !== undefined && 'value' in last && !this.options.isStale(last.value)) return;
    const wait = this.startedAt + this.options.intervalMs - this.now();
    if (wait <= 0) {
      void this.start();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.closed) void this.start();
    }, wait);
    this.timer.unref();
  }

  private start(): Promise<void> {
    this.startedAt = this.now();
    const running = this.options.compute().then(
      (value) => {
        const previous = this.last;
        this.last = { value };
        if (previous !== undefined && 'value' in previous) this.options.onReplaced?.(previous.value);
      },
      (error: unknown) => {
        if (this.last !== undefined && 'value' in this.last) this.options.onError(error);
        else this.last = { error };
      },
    );
    this.running = running.finally(() => (this.running = undefined));
    return this.running;
  }
}
