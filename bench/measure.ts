/** Load generation and the figures taken from it: throughput and latency percentiles, over a fixed duration. */
import autocannon from 'autocannon';
import type { AutocannonRequest } from 'autocannon';

export interface Figures {
  /** What was measured, for the table. */
  name: string;
  /** Successful operations (2xx responses, or SQL statements that returned) per second. */
  opsPerSecond: number;
  ok: number;
  failed: number;
  p50: number;
  p95: number;
  p99: number;
  seconds: number;
  connections: number;
  /** CPU time of the application process (the server, or the benchmark's own SQL loop) per successful operation. */
  appCpuMsPerOp?: number;
  /** CPU time of the PostgreSQL backends serving it, per successful operation. */
  dbCpuMsPerOp?: number;
  /** Anything worth printing next to the figures (matches per query, for example). */
  note?: string;
}

/** Nearest-rank percentile of an ascending list, in the list's unit. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

function summarise(name: string, latencies: number[], failed: number, seconds: number, connections: number): Figures {
  latencies.sort((a, b) => a - b);
  return {
    name,
    opsPerSecond: latencies.length / seconds,
    ok: latencies.length,
    failed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    seconds,
    connections,
  };
}

export interface HttpLoad {
  name: string;
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Builds each request's path and body; called once per request. */
  next: () => { path: string; body?: string };
}

/**
 * Runs autocannon for a fixed time. Latencies are taken per response (autocannon's own histogram has no p95),
 * and only 2xx responses count as done: an error answered fast must not look like throughput.
 */
export function httpLoad(load: HttpLoad): Promise<Figures> {
  const latencies: number[] = [];
  let failed = 0;
  let firstFailure: number | undefined;
  const request: AutocannonRequest = {
    method: load.method ?? 'GET',
    headers: load.headers,
    setupRequest: (req) => {
      const { path, body } = load.next();
      return body === undefined ? { ...req, path } : { ...req, path, body };
    },
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: load.url, connections: load.connections, duration: load.seconds, requests: [request], timeout: 30 },
      (err, result) => {
        if (err) {
          reject(err);
          return;
        }
        const figures = summarise(load.name, latencies, failed + result.errors, result.duration, load.connections);
        if (firstFailure !== undefined) figures.note = `first failure: HTTP ${firstFailure}`;
        resolve(figures);
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else {
        failed++;
        firstFailure ??= statusCode;
      }
    });
  });
}

/**
 * Runs `op` from `connections` concurrent loops for `seconds`, like autocannon's connections but for any async
 * operation (a SQL statement). Each loop starts its next operation as soon as the previous one ends.
 */
export async function loopLoad(name: string, connections: number, seconds: number, op: (n: number) => Promise<void>): Promise<Figures> {
  const latencies: number[] = [];
  let failed = 0;
  let firstError: unknown;
  let counter = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await op(counter++);
        latencies.push(performance.now() - t0);
      } catch (err) {
        failed++;
        firstError ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const figures = summarise(name, latencies, failed, (performance.now() - started) / 1000, connections);
  if (firstError !== undefined) figures.note = `first failure: ${firstError instanceof Error ? firstError.message : String(firstError)}`;
  return figures;
}
