/**
 * The well-behaved client of the noisy-neighbour benchmark: a welfare organisation's system reading its referrals
 * at a fixed pace. It is an open loop: each request leaves on schedule whatever the earlier ones do, so a server
 * that falls behind shows as growing latency and timeouts instead of as a client that politely slows down.
 */
export interface NormalTarget {
  /** The FHIR base, `http://127.0.0.1:<port>/fhir`. */
  readonly base: string;
  readonly token: string;
  /** The organisation whose worklist is asked for. */
  readonly owner: string;
  readonly patientIds: readonly string[];
  readonly taskIds: readonly string[];
}

export interface Outcome {
  /** `GET Patient`, `GET Task` or `worklist`. */
  readonly kind: string;
  readonly ms: number;
  /** The HTTP status, or `timeout` / `error` when no answer came. */
  readonly status: number | 'timeout' | 'error';
}

export function succeeded(outcome: Outcome): boolean {
  return typeof outcome.status === 'number' && outcome.status >= 200 && outcome.status < 300;
}

/** Every request gives up after this long; a give-up counts as an error. */
export const CLIENT_TIMEOUT_MS = 10_000;

/** The n-th request of the rotation: a Patient, a Task, the worklist search. */
function nth(target: NormalTarget, n: number): { kind: string; path: string } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(n / 3) % list.length]!;
  switch (n % 3) {
    case 0:
      return { kind: 'GET Patient', path: `Patient/${pick(target.patientIds)}` };
    case 1:
      return { kind: 'GET Task', path: `Task/${pick(target.taskIds)}` };
    default:
      return { kind: 'worklist', path: `Task?owner=Organization/${target.owner}&status=requested&_count=20` };
  }
}

/** One timed request; the body is read to the end, as a client would. */
export async function timedGet(target: NormalTarget, kind: string, path: string): Promise<Outcome> {
  const started = performance.now();
  try {
    const res = await fetch(`${target.base}/${path}`, {
      headers: { accept: 'application/fhir+json', authorization: `Bearer ${target.token}` },
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    await res.arrayBuffer();
    return { kind, ms: performance.now() - started, status: res.status };
  } catch (err) {
    const name = (err as { name?: string }).name;
    return { kind, ms: performance.now() - started, status: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'error' };
  }
}

/**
 * Sends `rate` requests a second for `seconds`, each at its scheduled moment, and resolves with every outcome once
 * the last one has answered or timed out.
 */
export async function runNormalClient(target: NormalTarget, rate: number, seconds: number): Promise<Outcome[]> {
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const pending: Promise<Outcome>[] = [];
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const { kind, path } = nth(target, n);
    pending.push(timedGet(target, kind, path));
  }
  return Promise.all(pending);
}
