import type { Principal } from '../../fhir/index.ts';
import { VerifiedTokenCache } from './verified-token-cache.ts';

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

const caller = (clientId: string): Principal => ({ clientId, role: 'admin', scopes: [], tokenId: `jti-${clientId}` });

describe('VerifiedTokenCache', () => {
  it('answers a verified token until the moment it expires', () => {
    const c = clock();
    const cache = new VerifiedTokenCache(10, c.now);
    cache.set('token-a', caller('a'), c.now() + 300_000);
    expect(cache.get('token-a')?.clientId).toBe('a');
    c.advance(299_999);
    expect(cache.get('token-a')?.clientId).toBe('a');
    c.advance(1);
    expect(cache.get('token-a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('knows only the exact token it was given', () => {
    const cache = new VerifiedTokenCache(10);
    cache.set('header.payload.signature', caller('a'), Date.now() + 60_000);
    expect(cache.get('header.payload.signaturf')).toBeUndefined();
    expect(cache.get('header.payload.signature ')).toBeUndefined();
  });

  it('holds at most its size, dropping the entry verified longest ago', () => {
    const c = clock();
    const cache = new VerifiedTokenCache(2, c.now);
    cache.set('t1', caller('1'), c.now() + 60_000);
    cache.set('t2', caller('2'), c.now() + 60_000);
    cache.set('t3', caller('3'), c.now() + 60_000);
    expect(cache.size).toBe(2);
    expect(cache.get('t1')).toBeUndefined();
    expect(cache.get('t2')?.clientId).toBe('2');
    expect(cache.get('t3')?.clientId).toBe('3');
  });

  it('remembers nothing when its size is 0 or the token has already expired', () => {
    const c = clock();
    const off = new VerifiedTokenCache(0, c.now);
    off.set('t', caller('a'), c.now() + 60_000);
    expect(off.get('t')).toBeUndefined();
    const on = new VerifiedTokenCache(2, c.now);
    on.set('t', caller('a'), c.now());
    expect(on.size).toBe(0);
  });
});
