import type { Database } from '../../store/index.ts';
import { appendAuditRows } from './log/append-rows.ts';
import type { AuditRow } from './log/audit-row.ts';

/** One committed batch of access events, for an operator's metrics. */
export interface AuditBatch {
  readonly events: number;
  /** From the oldest event's arrival to its batch's commit: how long an answer waited for its access to be logged. */
  readonly lagMs: number;
}

interface Pending {
  readonly at: number;
  readonly row: AuditRow;
  readonly done: { resolve: () => void; reject: (err: unknown) => void };
}

// One statement holds at most this many events, so one slow batch does not hold a connection for long.
const MAX_BATCH = 500;
// Batches committing at once: one alone made every read wait in its queue; a few keep the pool for the reads.
const CONCURRENT_BATCHES = 3;

/**
 * Events that record no change (a read, a search, a refusal, a token request), group-committed: while one batch
 * commits, the next requests' events gather, and each caller waits until its own event is committed, so no answer
 * leaves before its access is logged. A batch is one multi-row insert into the log. The commit does not wait for the
 * WAL to reach disk: a crash of the database server itself can lose the last fraction of a second of such events
 * (never a change's event, which commits with the change); a crash of Brug loses none that were answered. One
 * transaction per event, each waiting for a disk flush, cost more than the read it recorded.
 */
export class AccessEventWriter {
  private readonly db: Database;
  private readonly detach: <T>(work: () => Promise<T>) => Promise<T>;
  private readonly onBatch?: (batch: AuditBatch) => void;
  private queue: Pending[] = [];
  private flushing = 0;

  constructor(db: Database, detach: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(), onBatch?: (batch: AuditBatch) => void) {
    this.db = db;
    this.detach = detach;
    this.onBatch = onBatch;
  }

  /** Events waiting for a batch, not counting those committing now. */
  get waiting(): number {
    return this.queue.length;
  }

  write(row: AuditRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ at: performance.now(), row, done: { resolve, reject } });
      this.kick();
    });
  }

  private kick(): void {
    if (this.flushing >= CONCURRENT_BATCHES || this.queue.length === 0) return;
    this.flushing++;
    void this.detach(() => this.flush()).finally(() => {
      this.flushing--;
      this.kick();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, MAX_BATCH);
    try {
      await this.commit(batch.map((p) => p.row));
      this.onBatch?.({ events: batch.length, lagMs: performance.now() - batch[0]!.at });
      for (const p of batch) p.done.resolve();
    } catch {
      // One bad event must not lose the others: write them one by one, each failing on its own.
      for (const p of batch) {
        await this.commit([p.row]).then(p.done.resolve, p.done.reject);
      }
    }
  }

  private commit(rows: readonly AuditRow[]): Promise<void> {
    return this.db.transaction(async (sql) => {
      await sql.query('SET LOCAL synchronous_commit = off');
      await appendAuditRows(sql, rows);
    });
  }
}
