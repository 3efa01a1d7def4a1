import { createHash } from 'node:crypto';
import type { Principal } from '../../fhir/index.ts';

/**
 * Tokens whose signature and claims were checked, so a client's next requests skip the ES256 check (the largest
 * single cost of a read). Keyed by a SHA-256 of the token: the cache never holds a token that could be replayed
 * from a heap dump. An entry lives until its token expires; whether the client is still active is checked on every
 * request all the same (ClientRegistry), so a disabled client stops as soon as without this cache.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { principal: Principal; expiresAtMs: number }>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(maxEntries: number, now: () => number = Date.now) {
    this.maxEntries = maxEntries;
    this.now = now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The caller of a token verified before and not yet expired. */
  get(token: string): Principal | undefined {
    const key = keyOf(token);
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expiresAtMs <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.principal;
  }

  set(token: string, principal: Principal, expiresAtMs: number): void {
    if (this.maxEntries <= 0 || expiresAtMs <= this.now()) return;
    // Map keeps insertion order: when full, the entry verified longest ago goes.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(keyOf(token), { principal, expiresAtMs });
  }
}

function keyOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
