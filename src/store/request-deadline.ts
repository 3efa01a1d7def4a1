import { AsyncLocalStorage } from 'node:async_hooks';

/** When a request's database work must be over, and how it learns that it ended early (the client went away). */
export interface Deadline {
  /** Epoch milliseconds. */
  readonly at: number;
  /** The budget the deadline was made from, for the error text. */
  readonly budgetMs: number;
  /** True once the deadline passed or the request was abandoned. */
  readonly aborted: boolean;
  /** Calls `handler` when the deadline ends (at once if it has); returns the way to stop listening. */
  onAbort(handler: () => void): () => void;
}

/**
 * A plain list of handlers rather than an AbortSignal: every statement of every request registers and removes one,
 * and EventTarget's bookkeeping cost a measurable share of a read.
 */
class RequestDeadline implements Deadline {
  readonly at: number;
  readonly budgetMs: number;
  aborted = false;
  private handlers?: Set<() => void>;

  constructor(budgetMs: number) {
    this.budgetMs = budgetMs;
    this.at = Date.now() + budgetMs;
  }

  onAbort(handler: () => void): () => void {
    if (this.aborted) {
      handler();
      return () => undefined;
    }
    (this.handlers ??= new Set()).add(handler);
    return () => this.handlers?.delete(handler);
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const handlers = this.handlers;
    this.handlers = undefined;
    for (const handler of handlers ?? []) handler();
  }
}

/**
 * Carries the current request's deadline to every query it makes, through awaits, without threading a parameter
 * through the engine, the hooks and the layers. Work outside a request (workers, migrations) has no deadline here
 * and keeps the session's own statement timeout.
 */
export class DeadlineScope {
  private readonly storage = new AsyncLocalStorage<Deadline>();

  /** Runs `fn` (and everything it awaits or schedules) under `deadline`. */
  run<T>(deadline: Deadline, fn: () => T): T {
    return this.storage.run(deadline, fn);
  }

  current(): Deadline | undefined {
    return this.storage.getStore();
  }

  /**
   * Runs `fn` with no request deadline, whatever request it was started from: for work that must finish even when
   * that request ran out of time or its client left (the audit trail of the request itself).
   */
  outside<T>(fn: () => T): T {
    return this.storage.exit(fn);
  }
}

/** A deadline `budgetMs` from now, which `abort` ends early; `dispose` clears its timer. */
export function startDeadline(budgetMs: number): { deadline: Deadline; abort(): void; dispose(): void } {
  const deadline = new RequestDeadline(budgetMs);
  const timer = setTimeout(() => deadline.abort(), budgetMs);
  timer.unref();
  return {
    deadline,
    abort: () => deadline.abort(),
    dispose: () => clearTimeout(timer),
  };
}
