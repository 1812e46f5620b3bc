/**
 * What the embedded database is doing now, for health and readiness (docs/operations/health.md):
 * PGlite serves one statement at a time, so a probe that asks it waits behind every statement
 * queued before it. The probes read this instead of queueing.
 */
export interface DatabaseActivityNow {
  /** Statements (and COPYs) sent to the database and not answered yet. */
  inFlight: number;
  /** When the oldest of them was sent (ms since the epoch), or null when none is in flight. */
  busySince: number | null;
  /**
   * When the database last answered a statement (a result or an error of its own, with a
   * SQLSTATE), or null before the first and after a fault. A lost connection is no answer.
   */
  lastAnsweredAt: number | null;
}

export interface DatabaseActivity {
  now(): DatabaseActivityNow;
  /** Resolves true when the database next answers a statement, or false after `ms`. */
  nextAnswer(ms: number): Promise<boolean>;
}

/** Counts statements in flight and remembers when the database last answered. */
export class ActivityTracker implements DatabaseActivity {
  /** Start times of the statements in flight, oldest first (a Map keeps insertion order). */
  readonly #inFlight = new Map<number, number>();
  #nextId = 1;
  #lastAnsweredAt: number | null = null;
  readonly #waiters = new Set<() => void>();

  /** A statement was sent; call the returned function once when it settles (`answered`: the database answered it). */
  begin(): (answered: boolean) => void {
    const id = this.#nextId++;
    this.#inFlight.set(id, Date.now());
    return (answered) => {
      if (!this.#inFlight.delete(id)) return;
      if (!answered) return;
      this.#lastAnsweredAt = Date.now();
      const waiters = [...this.#waiters];
      this.#waiters.clear();
      for (const wake of waiters) wake();
    };
  }

  /** Tracks a promise of a statement; an error with a SQLSTATE code is the database's answer. */
  track<T>(p: Promise<T>): Promise<T> {
    const end = this.begin();
    p.then(
      () => end(true),
      (err: unknown) => end(answeredWithError(err)),
    );
    return p;
  }

  /** A fault: what the database answered before says nothing about the database now. */
  reset(): void {
    this.#inFlight.clear();
    this.#lastAnsweredAt = null;
  }

  now(): DatabaseActivityNow {
    const oldest = this.#inFlight.values().next();
    return {
      inFlight: this.#inFlight.size,
      busySince: oldest.done ? null : oldest.value,
      lastAnsweredAt: this.#lastAnsweredAt,
    };
  }

  nextAnswer(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(
        () => {
          this.#waiters.delete(wake);
          resolve(false);
        },
        Math.max(0, ms),
      );
      this.#waiters.add(wake);
    });
  }
}

/** An error the database itself raised (it has a SQLSTATE), as opposed to a lost connection or a fault. */
export function answeredWithError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || 'syscall' in err) return false;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}
