import { endpointRefusal } from './endpoint-allowlist.ts';
import type { SubscriptionConfig } from '../config.ts';

const base: SubscriptionConfig = { endpoints: [], allowLoopback: false, worker: true, pollMs: 1000, retryBaseMs: 1000, retryMaxMs: 300_000, maxFailures: 6 };
const production = { ...base, endpoints: ['https://hooks.example.org', 'https://*.welzijn.example'] };

describe('endpointRefusal', () => {
  it.each([
    'https://hooks.example.org/brug',
    'https://noord.welzijn.example/hook',
    'https://a.b.welzijn.example/hook',
  ])('allows %s in production', (url) => expect(endpointRefusal(url, production)).toBeUndefined());

  it.each([
    ['http://hooks.example.org/brug', 'only https'],
    ['https://hooks.example.org:8443/brug', 'not in SUBSCRIPTION_ENDPOINTS'],
    ['https://evil.example.org/brug', 'not in SUBSCRIPTION_ENDPOINTS'],
    ['https://welzijn.example/hook', 'not in SUBSCRIPTION_ENDPOINTS'],
    ['https://welzijn.example.evil.org/hook', 'not in SUBSCRIPTION_ENDPOINTS'],
    ['http://127.0.0.1:9000/hook', 'only https'],
    ['https://user:pw@hooks.example.org/x', 'credentials'],
    ['ftp://hooks.example.org/x', 'scheme'],
    ['not a url', 'absolute URL'],
  ])('refuses %s in production (%s)', (url, why) => expect(endpointRefusal(url, production)).toContain(why));

  it('allows loopback over plain http outside production only', () => {
    const development = { ...base, allowLoopback: true };
    for (const url of ['http://127.0.0.1:9000/hook', 'http://localhost/hook', 'http://[::1]:8080/x']) expect(endpointRefusal(url, development)).toBeUndefined();
    expect(endpointRefusal('http://10.0.0.8/hook', development)).toContain('only https');
    expect(endpointRefusal('https://hooks.example.org/x', development)).toContain('SUBSCRIPTION_ENDPOINTS is empty');
  });
});
