/**
 * How soon the server is itself again once the misbehaving client is gone: the time until `GET /readyz` answers
 * 200, and until a normal read answers 2xx in under 100 ms. From the moment the heavy client stopped, each is asked
 * every PROBE_MS whatever the earlier probes do (one stuck behind queued work must not hide a later quick answer),
 * for at most `limitMs`; the time is that of the first answer that qualifies.
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

/** How often a new probe is sent while none has qualified yet. */
const PROBE_MS = 200;

function until(limitMs: number, probe: () => Promise<boolean>): Promise<number | undefined> {
  return new Promise((resolve) => {
    const started = performance.now();
    let settled = false;
    const finish = (ms: number | undefined): void => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      clearTimeout(deadline);
      resolve(ms);
    };
    const send = (): void => {
      void probe().then((ok) => {
        if (ok && performance.now() - started <= limitMs) finish(performance.now() - started);
      });
    };
    const timer = setInterval(send, PROBE_MS);
    const deadline = setTimeout(() => finish(undefined), limitMs);
    send();
  });
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
