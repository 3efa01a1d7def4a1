/**
 * Per-client rate limiting: a token bucket per verified client id.
 *
 * Why our own small bucket and not @fastify/rate-limit: that plugin keys requests in an `onRequest` hook, before the
 * body is read and long before anyone knows who is calling. Brug limits per client, and the client id is known only
 * once the access token has been verified, inside the FHIR route's `request.authenticate` hook (the IP address says
 * nothing: many practices share one HIS gateway). The authenticate hook calls `take(clientId)` and turns a wait into
 * a 429 with Retry-After in the one error model; all that is needed here is the arithmetic of the bucket.
 *
 * The buckets live in the process: with several instances behind a load balancer, each allows the budget, which is
 * an upper bound per instance, good enough to stop one runaway client from starving the others.
 */
import type { RequestLimiter } from '../authenticate.ts';

export interface RateLimiterOptions {
  /** Milliseconds since some fixed point (tests pass a fake clock). */
  readonly now?: () => number;
  /** Most buckets kept at once; beyond it the fullest (idle) ones are dropped first. */
  readonly maxKeys?: number;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date. */
  at: number;
}

const MINUTE_MS = 60_000;

export class TokenBucketLimiter implements RequestLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly perMs: number;
  private readonly now: () => number;
  private readonly maxKeys: number;
  private lastSweep: number;

  constructor(perMinute: number, options: RateLimiterOptions = {}) {
    this.capacity = perMinute;
    this.perMs = perMinute / MINUTE_MS;
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 10_000;
    this.lastSweep = this.now();
  }

  /** Takes one token for `key`; when none is left, answers the whole seconds until one is (at least 1). */
  take(key: string): number | undefined {
    const now = this.now();
    this.dropIdle(now);
    let bucket = this.buckets.get(key);
    if (bucket) this.buckets.delete(key);
    else this.makeRoom();
    bucket ??= { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + Math.max(0, now - bucket.at) * this.perMs);
    bucket.at = now;
    // Re-inserting keeps the Map in least-recently-used order, which `makeRoom` relies on.
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }

  /** How many keys are tracked (for tests of the memory bound). */
  get size(): number {
    return this.buckets.size;
  }

  /**
   * A bucket that has refilled completely is the same as no bucket, so it can go: once a minute, every key idle for
   * a full minute is dropped.
   */
  private dropIdle(now: number): void {
    if (now - this.lastSweep < MINUTE_MS) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.at >= MINUTE_MS) this.buckets.delete(key);
    }
  }

  /** Should more than `maxKeys` clients be busy within one minute, the least recently seen lose their bucket. */
  private makeRoom(): void {
    while (this.buckets.size >= this.maxKeys) {
      const oldest = this.buckets.keys().next().value as string;
      this.buckets.delete(oldest);
    }
  }
}

/** The limiter for `perMinute` requests per client per minute (bursts of the same size), or none when 0. */
export function createRateLimiter(perMinute: number, options: RateLimiterOptions = {}): RequestLimiter | undefined {
  return perMinute > 0 ? new TokenBucketLimiter(perMinute, options) : undefined;
}
