/**
 * Issue 7's durability proof: the real service on PostgreSQL, a real HTTP receiver, thousands of referral Task
 * changes, and the service killed with SIGKILL while they are written. Afterwards every Task version in the database
 * that matches the subscription must have reached the receiver at least once, numbered 1..N without gaps.
 */
import type { Bundle, Task } from '@medplum/fhirtypes';
import pg from 'pg';
import { createTestDatabase, STORE_KINDS, type TestDatabase } from '../support/app.ts';
import {
  ACCEPTED_STEP,
  createdTasks,
  createRequesterRole,
  FhirClient,
  referralBundle,
  seedDemoClientsInto,
  ServerUnreachable,
  storedTasks,
  taskUpdateBundle,
  WELFARE_2_ORG,
  WELFARE_ORG,
} from '../support/referral-load.ts';
import { freeLoopbackPort, ServerProcess } from '../support/server-process.ts';
import { subscribe, TOPIC, waitForSubscriptionStatus } from '../support/subscription-client.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../scripts/scenario/webhook-receiver.ts';

/** Matching Task versions to write (creates and updates of Tasks owned by the subscriber's organisation). */
const TARGET = Number(process.env.KILL_TEST_VERSIONS ?? 2000);
/** Referrals per transaction Bundle; every tenth goes to another organisation and must not be notified. */
const REFERRALS_PER_BUNDLE = 20;
const WRITERS = 3;
/** The moments of the kills, as parts of TARGET: one at random within each window. */
const KILL_WINDOWS: readonly [number, number][] = [
  [0.15, 0.45],
  [0.55, 0.85],
];
const SETTLE_TIMEOUT_MS = 45_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface StoredVersion {
  key: string;
  owner: string;
}

/** Every Task version in the database, as `<id>/_history/<version>`, with its owner organisation. */
async function storedTaskVersions(databaseUrl: string): Promise<StoredVersion[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; version_id: number; owner: string | null }>(
      `SELECT id, version_id, (content::jsonb)->'owner'->>'reference' AS owner FROM resource_history WHERE resource_type = 'Task'`,
    );
    return rows.map((r) => ({ key: `${r.id}/_history/${r.version_id}`, owner: (r.owner ?? '').replace(/^Organization\//, '') }));
  } finally {
    await client.end();
  }
}

const describePostgres = STORE_KINDS.includes('postgres') ? describe : describe.skip;

describePostgres('subscription delivery across kill -9 [postgres, real process]', () => {
  let database: TestDatabase | undefined;
  let receiver: WebhookReceiver | undefined;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startWebhookReceiver();
    const port = await freeLoopbackPort();
    await seedDemoClientsInto(database.url, port);
    server = new ServerProcess({
      port,
      env: {
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: '8',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '0',
        SUBSCRIPTION_RETRY_BASE_MS: '50',
        SUBSCRIPTION_POLL_MS: '200',
      },
    });
    await server.start();
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
    await database?.drop();
  });

  it('delivers every matching Task version at least once, numbered 1..N without gaps, while the service is killed', async () => {
    const srv = server!;
    const hook = receiver!;
    const startedAt = Date.now();
    const practice = new FhirClient(srv.base, 'demo-huisarts');
    const welfare = new FhirClient(srv.base, 'demo-welzijn');

    const subscriptionId = await subscribe(welfare, { topic: TOPIC.verwijzingstaak, filter: `Task?owner=Organization/${WELFARE_ORG}`, endpoint: hook.url, payload: 'id-only', maxCount: 20 });
    await waitForSubscriptionStatus(welfare, subscriptionId, 'active');
    const requesterRole = await createRequesterRole(practice);

    // The writers: each places a Bundle of referrals, then the owner receives and accepts its Tasks; a request that
    // meets a dead server is simply tried again later (the database, not this count, is the truth compared below).
    let acknowledged = 0;
    let stopped = false;
    let networkErrors = 0;
    const refusals: string[] = [];
    const owners = Array.from({ length: REFERRALS_PER_BUNDLE }, (_, i) => (i % 10 === 9 ? WELFARE_2_ORG : WELFARE_ORG));
    const attempt = async (step: () => Promise<void>): Promise<void> => {
      try {
        await step();
      } catch (err) {
        if (!(err instanceof ServerUnreachable)) throw err;
        networkErrors += 1;
        await sleep(100);
      }
    };
    const writer = async (): Promise<void> => {
      while (acknowledged < TARGET && !stopped) {
        if (refusals.length > 20) throw new Error(`the server refused writes:\n${refusals.join('\n')}`);
        let tasks: { stored?: Task }[] = [];
        await attempt(async () => {
          const bundle = referralBundle(requesterRole, owners);
          const res = await practice.request('POST', '', bundle);
          if (res.status !== 200) return void refusals.push(`Bundle: ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
          tasks = createdTasks(bundle, res.body as Bundle).filter((t) => t.owner === WELFARE_ORG);
          acknowledged += tasks.length;
        });
        // The owner receives, then accepts them: two more versions of each, in one Bundle per step.
        let current = tasks.flatMap((t) => (t.stored ? [t.stored] : []));
        for (const change of [{ status: 'received' }, { status: 'accepted', businessStatus: ACCEPTED_STEP }] as Partial<Task>[]) {
          if (current.length === 0) break;
          const sent = current;
          current = [];
          await attempt(async () => {
            const res = await welfare.request('POST', '', taskUpdateBundle(sent, change));
            if (res.status !== 200) return void refusals.push(`Task updates: ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
            current = storedTasks(res.body as Bundle);
            acknowledged += current.length;
          });
        }
      }
    };
    const killer = async (): Promise<void> => {
      for (const [from, to] of KILL_WINDOWS) {
        const at = TARGET * (from + Math.random() * (to - from));
        while (acknowledged < at && !stopped) await sleep(20);
        if (stopped) return;
        await sleep(Math.random() * 200);
        await srv.kill();
        await srv.start();
      }
    };
    // A failing writer stops the others and the killer before the test ends, so no server is started after it.
    const outcomes = await Promise.allSettled(
      [killer(), ...Array.from({ length: WRITERS }, writer)].map((run) =>
        run.catch((err: unknown) => {
          stopped = true;
          throw err;
        }),
      ),
    );
    const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failure) throw failure.reason;
    const writtenAt = Date.now();

    // What the subscription must have produced: every version of every Task the subscriber's organisation owns.
    const stored = await storedTaskVersions(database!.url);
    const expected = new Set(stored.filter((v) => v.owner === WELFARE_ORG).map((v) => v.key));
    const others = new Set(stored.filter((v) => v.owner !== WELFARE_ORG).map((v) => v.key));
    const focusKey = (focus: string | undefined): string => /\/Task\/([^/]+\/_history\/\d+)$/.exec(focus ?? '')?.[1] ?? `unreadable focus ${focus}`;
    const received = (): Set<string> => new Set(hook.events.map((e) => focusKey(e.focus)));

    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    while (Date.now() < deadline && [...expected].some((k) => !received().has(k))) await sleep(200);
    // Late duplicates and anything unexpected still on its way.
    while (Date.now() - hook.lastArrival < 1_000) await sleep(100);
    const settledAt = Date.now();

    const got = received();
    const lost = [...expected].filter((k) => !got.has(k));
    const unexpected = [...got].filter((k) => !expected.has(k));
    const numbers = new Map<number, string>();
    const inconsistent: string[] = [];
    for (const event of hook.events) {
      const key = focusKey(event.focus);
      const seen = numbers.get(event.number);
      if (seen !== undefined && seen !== key) inconsistent.push(`event ${event.number}: ${seen} and ${key}`);
      numbers.set(event.number, key);
    }
    // Each event-notification carries one entry per focus, in event order: a create as POST, an update as PUT.
    const misshapen: string[] = [];
    for (const n of hook.notifications.filter((x) => x.type === 'event-notification')) {
      n.events.forEach((event, i) => {
        const [, id, version] = /\/Task\/([^/]+)\/_history\/(\d+)$/.exec(event.focus ?? '') ?? [];
        const entry = n.entries[i];
        const method = version === '1' ? 'POST' : 'PUT';
        if (entry?.fullUrl !== `${srv.base}/Task/${id}` || entry.method !== method) misshapen.push(`event ${event.number}: ${JSON.stringify(entry)}`);
      });
      if (n.entries.length !== n.events.length) misshapen.push(`${n.events.length} events, ${n.entries.length} entries`);
    }
    const highest = Math.max(0, ...numbers.keys());
    const gaps = Array.from({ length: highest }, (_, i) => i + 1).filter((n) => !numbers.has(n));
    const duplicates = hook.events.length - numbers.size;
    const status = await welfare.request('GET', `Subscription/${subscriptionId}/$status`);
    const statusParameters = status.body?.entry?.[0]?.resource?.parameter as { name: string; valueString?: string }[] | undefined;
    const eventsSinceStart = Number(statusParameters?.find((p) => p.name === 'events-since-subscription-start')?.valueString);

    console.log(
      `kill test: ${expected.size} matching Task versions (${others.size} not matching) written in ${((writtenAt - startedAt) / 1000).toFixed(1)} s, ` +
        `${srv.kills} kills, ${networkErrors} network errors; ${hook.events.length} events received in ${hook.notifications.length} notifications, ` +
        `${duplicates} duplicates, ${lost.length} lost; settled ${((settledAt - writtenAt) / 1000).toFixed(1)} s after the last write`,
    );
    if (lost.length + unexpected.length + gaps.length + misshapen.length > 0) console.log(`the server's last output:\n${srv.recentOutput()}`);
    expect(srv.kills).toBeGreaterThanOrEqual(2);
    expect(expected.size).toBeGreaterThanOrEqual(TARGET);
    expect(hook.rejected).toEqual([]);
    expect(lost.slice(0, 10)).toEqual([]);
    expect(unexpected.slice(0, 10)).toEqual([]);
    expect(inconsistent.slice(0, 10)).toEqual([]);
    expect(misshapen.slice(0, 10)).toEqual([]);
    expect(gaps.slice(0, 10)).toEqual([]);
    // One event number per Task version: a replay after a crash repeats a number, it never draws a new one.
    expect(highest).toBe(expected.size);
    expect(new Set(hook.notifications.map((n) => n.subscription.replace(/.*\/Subscription\//, 'Subscription/')))).toEqual(new Set([`Subscription/${subscriptionId}`]));
    expect(status.status).toBe(200);
    expect(eventsSinceStart).toBe(expected.size);
  }, 240_000);
});
