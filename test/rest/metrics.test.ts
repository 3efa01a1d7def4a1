/**
 * Prometheus metrics (issue 22): what an operator scrapes to see request rates and latencies, the database pool,
 * the subscriptions' backlog and their deliveries; behind a token on the service's port, or on a port of its own.
 */
import type { AddressInfo } from 'node:net';
import { startWebhookReceiver, type WebhookReceiver } from '../../scripts/scenario/webhook-receiver.ts';
import { STORE_KINDS, startTestApp, type TestApp } from '../support/app.ts';
import { Caller } from '../support/referral-world.ts';
import { subscription } from '../subscriptions/subscription-resources.ts';

const TOKEN = 'metrics-token-for-the-test-0123456789abcdef';

/** The value of one series (name and exact labels) in the exposition text; undefined when it is not there. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(STORE_KINDS)('Prometheus metrics [%s]', (kind) => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await startTestApp(kind, { security: true, env: { METRICS_TOKEN: TOKEN, METRICS_PORT: '0', SUBSCRIPTION_POLL_MS: '50' } });
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  const scrape = async (): Promise<string> => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    return res.body;
  };

  test('/metrics on the service port needs the token: 401 without it or with another', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-the-token' }, { authorization: `Basic ${TOKEN}` }]) {
      const res = await t.app.inject({ method: 'GET', url: '/metrics', headers });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.body).not.toContain('brug_');
    }
    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  test('counts FHIR interactions by interaction, type and status, and HTTP requests by route pattern', async () => {
    const caller = new Caller(t.app, 'demo-huisarts');
    const before = await scrape();
    const read = (text: string, status: number) => sample(text, `brug_fhir_interactions_total{interaction="read",type="Organization",status="${status}"}`) ?? 0;
    for (let i = 0; i < 3; i++) expect((await caller.get('Organization/does-not-exist')).status).toBe(404);
    expect((await caller.get('metadata')).status).toBe(200);
    const after = await scrape();
    expect(read(after, 404) - read(before, 404)).toBe(3);
    expect(sample(after, 'brug_fhir_interactions_total{interaction="capabilities",type="",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'brug_fhir_interaction_duration_seconds_count{interaction="read",type="Organization"}')).toBeGreaterThanOrEqual(3);
    expect(after).toMatch(/brug_http_requests_total\{method="GET",route="\/fhir\/[^"]*",status="404"\} \d+/);
    // A made-up type does not become a label value: the series cannot be grown by clients.
    await caller.get('Wombat/1');
    expect(await scrape()).not.toContain('Wombat');
  });

  test('shows the database pool and the subscriptions backlog, and counts deliveries by outcome', async () => {
    const first = await scrape();
    expect(sample(first, 'brug_db_pool_connections_max')).toBe(4);
    expect(sample(first, 'brug_db_pool_queue_limit')).toBe(t.config.databaseQueueLimit);
    expect(sample(first, 'brug_db_pool_waiting')).toBe(0);
    expect(sample(first, 'brug_subscription_outbox_depth')).toBeGreaterThanOrEqual(0);
    expect(sample(first, 'brug_subscriptions{status="error"}')).toBe(0);
    expect(first).toContain('brug_process_resident_memory_bytes');
    // Every authenticated request above was audited in batches: the batches' events and how long answers waited.
    expect(sample(first, 'brug_audit_access_events_total')).toBeGreaterThan(0);
    expect(sample(first, 'brug_audit_batch_lag_seconds_count')).toBeGreaterThan(0);
    expect(sample(first, 'brug_audit_events_waiting')).toBeGreaterThanOrEqual(0);

    const welfare = new Caller(t.app, 'demo-welzijn');
    expect((await welfare.request('POST', 'Subscription', subscription(receiver.url))).status).toBe(201);
    const handshakes = async () => sample(await scrape(), 'brug_subscription_deliveries_total{type="handshake",outcome="delivered"}') ?? 0;
    await waitFor(async () => (await handshakes()) >= 1);
    await waitFor(async () => sample(await scrape(), 'brug_subscriptions{status="active"}') === 1);

    // One that cannot be reached fails, and is counted as failed.
    const unreachable = subscription('http://127.0.0.1:9/hook');
    expect((await welfare.request('POST', 'Subscription', unreachable)).status).toBe(201);
    await waitFor(async () => (sample(await scrape(), 'brug_subscription_deliveries_total{type="handshake",outcome="failed"}') ?? 0) >= 1);
  });

  test('METRICS_PORT serves the same registry without a token, and nothing else', async () => {
    const { port } = t.app.metricsServer!.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('brug_db_pool_connections_max 4');
    expect((await fetch(`http://127.0.0.1:${port}/fhir/metadata`)).status).toBe(404);
  });
});

describe('metrics settings', () => {
  test('without METRICS_TOKEN the service port does not serve /metrics', async () => {
    const t = await startTestApp(STORE_KINDS[0]!, { security: true });
    try {
      const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
