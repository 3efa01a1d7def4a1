import { createRateLimiter, TokenBucketLimiter } from './rate-limiter.ts';

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('createRateLimiter', () => {
  it('is off at 0 requests per minute', () => {
    expect(createRateLimiter(0)).toBeUndefined();
    expect(createRateLimiter(5)).toBeInstanceOf(TokenBucketLimiter);
  });

  it('allows a burst of the budget, then asks to wait whole seconds until a token is back', () => {
    const c = clock();
    const limiter = createRateLimiter(5, { now: c.now })!;
    for (let i = 0; i < 5; i++) expect(limiter.take('a')).toBeUndefined();
    // 5 per minute: one token every 12 seconds.
    expect(limiter.take('a')).toBe(12);
    c.advance(6_500);
    expect(limiter.take('a')).toBe(6);
    c.advance(5_500);
    expect(limiter.take('a')).toBeUndefined();
    expect(limiter.take('a')).toBe(12);
  });

  it('never asks to wait less than one second', () => {
    const c = clock();
    const limiter = createRateLimiter(6000, { now: c.now })!;
    for (let i = 0; i < 6000; i++) limiter.take('a');
    expect(limiter.take('a')).toBe(1);
  });

  it('keeps one budget per key', () => {
    const c = clock();
    const limiter = createRateLimiter(2, { now: c.now })!;
    limiter.take('a');
    limiter.take('a');
    expect(limiter.take('a')).toBeGreaterThan(0);
    expect(limiter.take('b')).toBeUndefined();
  });

  it('refills continuously up to the burst size, not beyond', () => {
    const c = clock();
    const limiter = createRateLimiter(60, { now: c.now })!;
    for (let i = 0; i < 60; i++) limiter.take('a');
    c.advance(10 * 60_000);
    for (let i = 0; i < 60; i++) expect(limiter.take('a')).toBeUndefined();
    expect(limiter.take('a')).toBe(1);
  });

  it('drops keys idle for a minute and holds no more than maxKeys', () => {
    const c = clock();
    const limiter = new TokenBucketLimiter(10, { now: c.now, maxKeys: 100 });
    for (let i = 0; i < 50; i++) limiter.take(`client-${i}`);
    expect(limiter.size).toBe(50);
    c.advance(61_000);
    limiter.take('fresh');
    expect(limiter.size).toBe(1);
    for (let i = 0; i < 1000; i++) limiter.take(`flood-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
  });
});
