/**
 * How soon the server is itself again once the misbehaving client is gone: the time until `GET /readyz` answers
 * 200, and until a normal read answers 2xx in under 100 ms. Both are asked over and over from the moment the heavy
 * client stopped, each request starting when the previous one ended, for at most `limitMs`.
 */
import { CLIENT_TIMEOUT_MS, succeeded, timedGet, type NormalTarget } from './noisy-normal-client.ts';

export interface Recovery {
  /** Milliseconds from the stop until the first 200 from /readyz; undefined when none came within the limit. */
  readonly readyMs?: number;
  /** Milliseconds from the stop until a normal read answered 2xx in under FAST_READ_MS. */
  readonly fastReadMs?: number;
  readonly limitMs: number;
}

export const FAST_READ_MS = 100;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(limitMs: number, attempt: () => Promise<boolean>): Promise<number | undefined> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    if (await attempt()) return performance.now() - started;
    await pause(20);
  }
  return undefined;
}

export async function measureRecovery(target: NormalTarget, limitMs: number): Promise<Recovery> {
  const origin = new URL(target.base).origin;
  const ready = until(limitMs, async () => {
    try {
      const res = await fetch(`${origin}/readyz`, { signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
      await res.arrayBuffer();
      return res.status === 200;
    } catch {
      return false;
    }
  });
  const patient = target.patientIds[0]!;
  const fastRead = until(limitMs, async () => {
    const outcome = await timedGet(target, 'GET Patient', `Patient/${patient}`);
    return succeeded(outcome) && outcome.ms < FAST_READ_MS;
  });
  const [readyMs, fastReadMs] = await Promise.all([ready, fastRead]);
  return { ...(readyMs === undefined ? {} : { readyMs }), ...(fastReadMs === undefined ? {} : { fastReadMs }), limitMs };
}
