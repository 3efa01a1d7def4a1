import { retryDelayMs } from './delivery.ts';
import type { SubscriptionConfig } from '../config.ts';

const config: SubscriptionConfig = { endpoints: [], allowLoopback: true, worker: true, pollMs: 1000, retryBaseMs: 1000, retryMaxMs: 60_000, maxFailures: 6 };

describe('retryDelayMs', () => {
  it('doubles per failure up to the maximum, with half of each step random', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map((n) => retryDelayMs(n, config, () => 0))).toEqual([500, 1000, 2000, 4000, 30_000, 30_000, 30_000]);
    expect([1, 2, 3, 7].map((n) => retryDelayMs(n, config, () => 1))).toEqual([1000, 2000, 4000, 60_000]);
    const spread = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, config)));
    expect(spread.size).toBeGreaterThan(10);
    for (const d of spread) expect(d >= 2000 && d <= 4000).toBe(true);
  });
});
