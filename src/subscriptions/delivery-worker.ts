import type { FastifyBaseLogger } from 'fastify';
import { claimDue, deliverOne, type DeliveryDependencies } from './delivery.ts';
import { matchChanges, type MatchDependencies } from './match-changes.ts';

const MAX_IN_FLIGHT = 16;
/**
 * After being woken from idle, the matcher waits this long so that commits arriving together are matched in one
 * transaction: a few milliseconds of latency for far fewer round trips under load.
 */
const GATHER_MS = 5;

/** A loop that sleeps until woken or until the poll interval passes. */
class Loop {
  private wakeUp?: () => void;
  private pending = false;

  wake(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  async sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
    this.pending = false;
  }
}

/**
 * The delivery worker: one loop turns outbox changes into events, another sends what is due. A commit in this
 * process wakes the first at once; changes committed by other instances are found within the poll interval. Both
 * loops take their work from the database, so any number of instances can run one.
 */
export class DeliveryWorker {
  private readonly matching = new Loop();
  private readonly delivering = new Loop();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly match: MatchDependencies;
  private readonly deliver: DeliveryDependencies;
  private readonly pollMs: number;
  private readonly log: FastifyBaseLogger;

  constructor(match: MatchDependencies, deliver: DeliveryDependencies, pollMs: number) {
    this.match = match;
    this.deliver = deliver;
    this.pollMs = pollMs;
    this.log = deliver.log;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = [this.matchLoop(), this.deliverLoop()];
  }

  /** Something was committed here: match it now rather than at the next poll. */
  wake(): void {
    this.matching.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping.abort();
    this.matching.wake();
    this.delivering.wake();
    await Promise.all(this.loops);
    await Promise.allSettled([...this.inFlight]);
  }

  private async matchLoop(): Promise<void> {
    let idle = true;
    while (this.running) {
      if (idle) await new Promise((r) => setTimeout(r, GATHER_MS));
      idle = false;
      try {
        const { changes, events, again } = await matchChanges(this.match);
        if (events > 0) this.delivering.wake();
        if (changes > 0 || again) continue;
      } catch (err) {
        if (this.running) this.log.error({ err }, 'matching subscription events failed');
      }
      await this.matching.sleep(this.pollMs);
      idle = true;
    }
  }

  private async deliverLoop(): Promise<void> {
    while (this.running) {
      try {
        const claimed = await claimDue(this.deliver.db, MAX_IN_FLIGHT - this.inFlight.size);
        for (const state of claimed) {
          const attempt = deliverOne({ ...this.deliver, stopping: this.stopping.signal }, state)
            .catch((err: unknown) => {
              if (this.running) this.log.error({ err, subscription: state.id }, 'delivering a subscription notification failed');
            })
            .finally(() => {
              this.inFlight.delete(attempt);
              // What just finished may have more events waiting.
              this.delivering.wake();
            });
          this.inFlight.add(attempt);
        }
        if (claimed.length > 0) continue;
      } catch (err) {
        if (this.running) this.log.error({ err }, 'claiming subscription deliveries failed');
      }
      await this.delivering.sleep(this.pollMs);
    }
  }
}
