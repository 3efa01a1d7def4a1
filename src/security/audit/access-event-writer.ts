import type { AuditEvent } from '@medplum/fhirtypes';
import type { Engine } from '../../fhir/index.ts';
import type { NewVersion, Repository } from '../../store/index.ts';
import { auditVersion } from './write-audit-event.ts';

interface Pending {
  readonly version: NewVersion;
  readonly done: { resolve: () => void; reject: (err: unknown) => void };
}

// One transaction holds at most this many events, so one slow batch does not hold a connection for long.
const MAX_BATCH = 200;
// Batches committing at once: one alone made every read wait in its queue; a few keep the pool for the reads.
const CONCURRENT_BATCHES = 3;

/**
 * Events that record no change (a read, a search, a refusal, a token request), group-committed: while one batch
 * commits, the next requests' events gather, and each caller waits until its own event is committed, so no answer
 * leaves before its access is logged. The commit does not wait for the WAL to reach disk: a crash of the database
 * server itself can lose the last fraction of a second of such events (never a change's event, which commits with the
 * change); a crash of Brug loses none that were answered. One transaction per event, each waiting for a disk flush,
 * cost more than the read it recorded.
 */
export class AccessEventWriter {
  private readonly repo: Repository;
  private readonly indexer: Engine['indexer'];
  private readonly detach: <T>(work: () => Promise<T>) => Promise<T>;
  private queue: Pending[] = [];
  private flushing = 0;

  constructor(repo: Repository, indexer: Engine['indexer'], detach: <T>(work: () => Promise<T>) => Promise<T> = (work) => work()) {
    this.repo = repo;
    this.indexer = indexer;
    this.detach = detach;
  }

  write(event: AuditEvent): Promise<void> {
    const { version } = auditVersion(this.indexer, event);
    return new Promise((resolve, reject) => {
      this.queue.push({ version, done: { resolve, reject } });
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
      await this.commit(batch.map((p) => p.version));
      for (const p of batch) p.done.resolve();
    } catch {
      // One bad event must not lose the others: write them one by one, each failing on its own.
      for (const p of batch) {
        await this.commit([p.version]).then(p.done.resolve, p.done.reject);
      }
    }
  }

  private commit(versions: readonly NewVersion[]): Promise<void> {
    return this.repo.transaction(async (tx) => {
      await tx.sql.query('SET LOCAL synchronous_commit = off');
      for (const v of versions) await tx.writeVersion(v);
    });
  }
}
