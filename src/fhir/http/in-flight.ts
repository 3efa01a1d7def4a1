/**
 * The FHIR requests still being worked on. A client that hangs up does not stop its request's work, and closing
 * the server waits only for connections: without this, the store could close under that work, and a request's
 * audit event (written as it completes) would be lost on every shutdown under load.
 */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await work();
    } finally {
      if (--this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  /** Resolves once no request is being worked on, or after `timeoutMs` whatever is left. */
  drained(timeoutMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
