import { AsyncLocalStorage } from 'node:async_hooks';

/** When a request's database work must be over, and the signal that ends it early (the client went away). */
export interface Deadline {
  /** Epoch milliseconds. */
  readonly at: number;
  /** The budget the deadline was made from, for the error text. */
  readonly budgetMs: number;
  readonly signal: AbortSignal;
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

/** A deadline `budgetMs` from now that also ends when `signal` aborts; `dispose` clears its timer. */
export function startDeadline(budgetMs: number): { deadline: Deadline; abort(reason: string): void; dispose(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort('deadline'), budgetMs);
  timer.unref();
  return {
    deadline: { at: Date.now() + budgetMs, budgetMs, signal: controller.signal },
    abort: (reason) => controller.abort(reason),
    dispose: () => clearTimeout(timer),
  };
}
