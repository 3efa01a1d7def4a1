import type { FastifyBaseLogger } from 'fastify';
import type { AuditConfig } from '../../../config.ts';
import type { Database } from '../../../store/index.ts';
import { keepPartitions } from './partitions.ts';
import { sealLog } from './seal-log.ts';

const PARTITION_CHECK_MS = 3_600_000;

/**
 * Runs in every instance whose seal interval is not 0: seals new log rows into the hash chain, and once an hour
 * (and at start) makes the coming months' partitions and drops the expired ones.
 */
export function startLogKeeper(db: Database, config: AuditConfig, log: FastifyBaseLogger): { stop: () => Promise<void> } {
  if (config.sealIntervalMs === 0) return { stop: async () => undefined };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let partitionsCheckedAt = 0;
  const tick = async (): Promise<void> => {
    try {
      if (Date.now() - partitionsCheckedAt >= PARTITION_CHECK_MS) {
        const dropped = await db.deadlines.outside(() => keepPartitions(db, config.retentionMonths));
        partitionsCheckedAt = Date.now();
        if (dropped.length) log.info({ dropped }, 'audit: dropped partitions past retention');
      }
      await db.deadlines.outside(() => sealLog(db));
    } catch (err) {
      log.warn({ error: err instanceof Error ? err.message : String(err) }, 'audit: sealing the log failed; it is tried again');
    }
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, config.sealIntervalMs);
    timer.unref();
  };
  schedule();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
