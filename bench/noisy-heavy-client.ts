/**
 * The misbehaving client of the noisy-neighbour benchmark: several connections, each sending the heaviest legal
 * requests back to back. Stopping it aborts what is still in flight, as when such a client is killed; what the
 * server keeps doing for the aborted requests is part of what the recovery measures.
 */
import type { HeavyRequest } from './noisy-heavy-requests.ts';

/** A heavy request may take long; past this the client gives up on it (counted as `timeout`). */
const HEAVY_TIMEOUT_MS = 120_000;

export interface HeavyTally {
  /** Requests that got an answer. */
  done: number;
  /** Per request kind, the count of each status (`timeout`, `error`, `aborted` when no answer came). */
  readonly statuses: Map<string, Map<string, number>>;
}

export interface HeavyClient {
  /** Aborts the requests in flight and resolves once every connection's loop has ended. */
  stop(): Promise<HeavyTally>;
}

function count(tally: HeavyTally, kind: string, status: string): void {
  const byStatus = tally.statuses.get(kind) ?? new Map<string, number>();
  byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  tally.statuses.set(kind, byStatus);
}

/** Starts `connections` loops over `requests`; loop i starts at request i, so every kind is in flight at once. */
export function startHeavyClient(base: string, token: string, requests: readonly HeavyRequest[], connections: number): HeavyClient {
  const tally: HeavyTally = { done: 0, statuses: new Map() };
  const stopping = new AbortController();
  const loop = async (first: number): Promise<void> => {
    for (let n = first; !stopping.signal.aborted; n++) {
      const request = requests[n % requests.length]!;
      try {
        const res = await fetch(`${base}/${request.path}`, {
          method: request.method,
          headers: {
            accept: 'application/fhir+json',
            authorization: `Bearer ${token}`,
            // Strict: a parameter the server does not know is refused (400), not silently left out of the search.
            prefer: 'handling=strict',
            ...(request.body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
          },
          ...(request.body === undefined ? {} : { body: request.body }),
          signal: AbortSignal.any([stopping.signal, AbortSignal.timeout(HEAVY_TIMEOUT_MS)]),
        });
        await res.arrayBuffer();
        tally.done++;
        // 503 with Retry-After is the server's documented "not now, come back" to a client asking too much at once
        // (issue 15): counted apart from the 5xx that are failures.
        count(tally, request.kind, res.status === 503 && res.headers.has('retry-after') ? '503 retry-after' : String(res.status));
      } catch (err) {
        const name = (err as { name?: string }).name;
        count(tally, request.kind, stopping.signal.aborted ? 'aborted' : name === 'TimeoutError' ? 'timeout' : 'error');
        // A refused connection would otherwise spin; a short pause keeps the loop a load, not a busy wait.
        if (!stopping.signal.aborted) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  const loops = Array.from({ length: connections }, (_, i) => loop(i));
  return {
    async stop() {
      stopping.abort();
      await Promise.all(loops);
      return tally;
    },
  };
}
