/**
 * `npm run bench:subscriptions`: commit-to-webhook latency of topic-based subscriptions (issue 7).
 *
 * The server runs as a child process (`node src/main.ts`) on a fresh PostgreSQL database; this process holds a
 * webhook receiver on 127.0.0.1 and one active Subscription (demo-welzijn, topic verwijzingstaak, its own Tasks,
 * payload id-only). A pool of referral Tasks is placed first; then the owner updates them over HTTP:
 *
 *  1. open loop: one Task update every 1/rate s for the set duration, sent on schedule whatever the answers do;
 *  2. burst: N updates as fast as a fixed number of concurrent requests allow.
 *
 * Latency per event = the notification's arrival at the receiver minus the Task version's meta.lastUpdated (the
 * server stamps it in the write's transaction, just before the commit; same machine, same clock). Settings
 * (environment): see bench/README.md, section Subscriptions.
 */
import os from 'node:os';
import type { Bundle, Task } from '@medplum/fhirtypes';
import pg from 'pg';
import { createdTasks, createRequesterRole, FhirClient, referralBundle, seedDemoClientsInto, WELFARE_ORG } from '../test/support/referral-load.ts';
import { ServerProcess } from '../test/support/server-process.ts';
import { subscribe, TOPIC, waitForSubscriptionStatus } from '../test/support/subscription-client.ts';
import { startWebhookReceiver, type ReceivedEvent } from '../scripts/scenario/webhook-receiver.ts';
import { processCpuMs } from './cpu.ts';
import { percentile } from './measure.ts';
import { scratchDatabaseUrl, whole, withAdmin } from './settings.ts';

const rate = whole('BENCH_SUB_RATE', 200);
const seconds = whole('BENCH_SUB_SECONDS', 20);
const burst = whole('BENCH_SUB_BURST', 2000);
const burstConcurrency = whole('BENCH_SUB_BURST_CONNECTIONS', 16);
const poolSize = whole('BENCH_SUB_POOL', 400);
const maxCount = whole('BENCH_SUB_MAX_COUNT', 20);
const port = whole('BENCH_PORT', 8097);
const { name: databaseName, url: databaseUrl } = scratchDatabaseUrl('BENCH_SUB_DB', 'brug_bench_subscriptions');

function log(message: string): void {
  console.error(`[bench:subscriptions ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

const loadAverage = (): string => os.loadavg().map((l) => l.toFixed(1)).join(' ');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The Tasks the owner updates, each with its latest stored version; a Task is updated by one request at a time. */
class TaskPool {
  private readonly free: Task[];
  constructor(tasks: Task[]) {
    this.free = [...tasks];
  }
  take(): Task | undefined {
    return this.free.shift();
  }
  give(task: Task): void {
    this.free.push(task);
  }
  get size(): number {
    return this.free.length;
  }
}

/**
 * Samples, every 250 ms, where the events wait: changes in the outbox not yet matched to the subscription, and
 * events numbered but not yet delivered. The largest of each during a run says which stage falls behind.
 */
class BacklogSampler {
  private readonly client: pg.Client;
  private timer?: NodeJS.Timeout;
  private busy = false;
  maxOutbox = 0;
  maxUndelivered = 0;

  constructor(url: string) {
    this.client = new pg.Client({ connectionString: url });
  }

  async open(): Promise<void> {
    await this.client.connect();
  }

  start(): void {
    this.maxOutbox = 0;
    this.maxUndelivered = 0;
    this.timer = setInterval(() => void this.sample(), 250);
  }

  stop(): { maxOutbox: number; maxUndelivered: number } {
    clearInterval(this.timer);
    return { maxOutbox: this.maxOutbox, maxUndelivered: this.maxUndelivered };
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const { rows } = await this.client.query<{ outbox: string; undelivered: string | null }>(
        'SELECT (SELECT count(*) FROM subscription_changes) AS outbox, (SELECT max(c.last_event - s.delivered_through) FROM subscription_state s JOIN subscription_event_counters c ON c.subscription_id = s.id) AS undelivered',
      );
      this.maxOutbox = Math.max(this.maxOutbox, Number(rows[0]?.outbox ?? 0));
      this.maxUndelivered = Math.max(this.maxUndelivered, Number(rows[0]?.undelivered ?? 0));
    } finally {
      this.busy = false;
    }
  }

  /** CPU time so far of the PostgreSQL backends connected to the benchmark database, in ms (Linux /proc). */
  async databaseCpuMs(): Promise<Map<number, number>> {
    const { rows } = await this.client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
    const cpu = new Map<number, number>();
    for (const { pid } of rows) {
      const ms = processCpuMs(pid);
      if (ms !== undefined) cpu.set(pid, ms);
    }
    return cpu;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.client.end();
  }
}

interface Write {
  /** `<id>/_history/<version>` of the version written. */
  key?: string;
  lastUpdated?: number;
  sentAt: number;
  ms: number;
  ok: boolean;
  /** Not sent: every Task of the pool had a request in flight (the server is that far behind). */
  skipped?: boolean;
}

/** The owner writes a new version of one Task: first requested → received, then same-status updates. */
async function updateTask(owner: FhirClient, pool: TaskPool, writes: Write[]): Promise<void> {
  const task = pool.take();
  const sentAt = Date.now();
  if (!task) {
    writes.push({ sentAt, ms: 0, ok: false, skipped: true });
    return;
  }
  const started = performance.now();
  let next = task;
  try {
    const res = await owner.request('PUT', `Task/${task.id}`, { ...task, status: 'received' }, { 'if-match': `W/"${task.meta!.versionId}"` });
    const ms = performance.now() - started;
    if (res.status === 200) {
      next = res.body as Task;
      writes.push({ key: `${next.id}/_history/${next.meta!.versionId}`, lastUpdated: Date.parse(next.meta!.lastUpdated!), sentAt, ms, ok: true });
    } else {
      writes.push({ sentAt, ms, ok: false });
      const current = await owner.request('GET', `Task/${task.id}`);
      if (current.status === 200) next = current.body as Task;
    }
  } catch {
    writes.push({ sentAt, ms: performance.now() - started, ok: false });
  } finally {
    pool.give(next);
  }
}

interface RunFigures {
  name: string;
  writesOk: number;
  writesFailed: number;
  writesSkipped: number;
  writeSeconds: number;
  writeP50: number;
  writeP95: number;
  events: number;
  lost: number;
  eventsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  serverCpuMsPerWrite?: number;
  /** This process: the writer and the receiver. */
  benchCpuMsPerWrite?: number;
  /** The PostgreSQL backends of the benchmark database. */
  databaseCpuMsPerWrite?: number;
  maxOutbox?: number;
  maxUndelivered?: number;
}

/** Waits for the events of `writes`, then takes the figures: latency per event, events/s from first send to last arrival. */
async function figures(name: string, writes: readonly Write[], events: readonly ReceivedEvent[], writeSeconds: number): Promise<RunFigures> {
  const written = new Map(writes.filter((w) => w.ok && w.key).map((w) => [w.key!, w.lastUpdated!]));
  const firstArrival = new Map<string, number>();
  const collect = (): void => {
    for (const event of events) {
      const key = /\/Task\/([^/]+\/_history\/\d+)$/.exec(event.focus ?? '')?.[1];
      if (key && written.has(key) && !firstArrival.has(key)) firstArrival.set(key, event.arrivedAt);
    }
  };
  const deadline = Date.now() + 60_000;
  for (collect(); firstArrival.size < written.size && Date.now() < deadline; collect()) await sleep(100);
  const latencies = [...firstArrival].map(([key, at]) => at - written.get(key)!).sort((a, b) => a - b);
  const writeMs = writes.filter((w) => w.ok).map((w) => w.ms).sort((a, b) => a - b);
  const firstSent = Math.min(...writes.map((w) => w.sentAt));
  const lastArrival = Math.max(...firstArrival.values());
  return {
    name,
    writesOk: written.size,
    writesFailed: writes.filter((w) => !w.ok && !w.skipped).length,
    writesSkipped: writes.filter((w) => w.skipped).length,
    writeSeconds,
    writeP50: percentile(writeMs, 50),
    writeP95: percentile(writeMs, 95),
    events: firstArrival.size,
    lost: written.size - firstArrival.size,
    eventsPerSecond: firstArrival.size / ((lastArrival - firstSent) / 1000),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
  };
}

/** Open loop: request i leaves at start + i / rate, whether or not the earlier ones were answered. */
async function openLoop(owner: FhirClient, pool: TaskPool, events: ReceivedEvent[], server: ServerProcess, sampler: BacklogSampler): Promise<RunFigures> {
  const writes: Write[] = [];
  const total = rate * seconds;
  const inFlight = new Set<Promise<void>>();
  const cpu0 = processCpuMs(server.pid!);
  const self0 = selfCpuMs();
  const db0 = await sampler.databaseCpuMs();
  sampler.start();
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const write = updateTask(owner, pool, writes).finally(() => inFlight.delete(write));
    inFlight.add(write);
  }
  await Promise.all(inFlight);
  return finishRun(`open loop, ${rate} writes/s for ${seconds} s`, { writes, events, writeSeconds: (performance.now() - start) / 1000, server, sampler, cpu0, self0, db0 });
}

/** Burst: `burst` updates from `burstConcurrency` concurrent loops, as fast as the server answers. */
async function burstRun(owner: FhirClient, pool: TaskPool, events: ReceivedEvent[], server: ServerProcess, sampler: BacklogSampler): Promise<RunFigures> {
  const writes: Write[] = [];
  let sent = 0;
  const cpu0 = processCpuMs(server.pid!);
  const self0 = selfCpuMs();
  const db0 = await sampler.databaseCpuMs();
  sampler.start();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: burstConcurrency }, async () => {
      while (sent < burst) {
        sent += 1;
        await updateTask(owner, pool, writes);
      }
    }),
  );
  return finishRun(`burst, ${burst} writes, ${burstConcurrency} concurrent`, { writes, events, writeSeconds: (performance.now() - start) / 1000, server, sampler, cpu0, self0, db0 });
}

interface RunState {
  writes: Write[];
  events: ReceivedEvent[];
  writeSeconds: number;
  server: ServerProcess;
  sampler: BacklogSampler;
  cpu0: number | undefined;
  self0: number;
  db0: Map<number, number>;
}

/** A run's figures, with CPU counted until the last event has arrived: matching and delivery are part of each write's cost. */
async function finishRun(name: string, run: RunState): Promise<RunFigures> {
  const result = await figures(name, run.writes, run.events, run.writeSeconds);
  const cpu1 = processCpuMs(run.server.pid!);
  result.serverCpuMsPerWrite = run.cpu0 === undefined || cpu1 === undefined ? undefined : (cpu1 - run.cpu0) / Math.max(1, result.writesOk);
  const db1 = await run.sampler.databaseCpuMs();
  const dbMs = [...db1].reduce((sum, [pid, ms]) => sum + ms - (run.db0.get(pid) ?? 0), 0);
  const per = (ms: number): number => ms / Math.max(1, result.writesOk);
  return { ...result, ...run.sampler.stop(), benchCpuMsPerWrite: per(selfCpuMs() - run.self0), databaseCpuMsPerWrite: per(dbMs) };
}

function selfCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function fixed(n: number | undefined, digits = 1): string {
  return n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits);
}

function printTable(results: readonly RunFigures[], loadAtStart: string): void {
  const lines = [
    `Brug subscriptions benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, ${os.cpus().length} cores, ` +
      `PostgreSQL, one rest-hook Subscription (id-only, max-count ${maxCount}), pool of ${poolSize} Tasks, load average at start ${loadAtStart}, at end ${loadAverage()}`,
    '',
    '| run | writes ok | failed | not sent | writes/s | write p50 ms | write p95 ms | events | lost | events/s | latency p50 ms | p95 ms | p99 ms | max ms | server CPU ms/write | PG CPU ms/write | bench CPU ms/write | max outbox | max undelivered |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.writesOk} | ${r.writesFailed} | ${r.writesSkipped} | ${fixed(r.writesOk / r.writeSeconds, 0)} | ${fixed(r.writeP50)} | ${fixed(r.writeP95)} | ${r.events} | ${r.lost} | ` +
        `${fixed(r.eventsPerSecond, 0)} | ${fixed(r.p50)} | ${fixed(r.p95)} | ${fixed(r.p99)} | ${fixed(r.max, 0)} | ${fixed(r.serverCpuMsPerWrite, 2)} | ${fixed(r.databaseCpuMsPerWrite, 2)} | ${fixed(r.benchCpuMsPerWrite, 2)} | ${r.maxOutbox ?? '–'} | ${r.maxUndelivered ?? '–'} |`,
    ),
  ];
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const loadAtStart = loadAverage();
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${databaseName}`);
  });
  const receiver = await startWebhookReceiver();
  const sampler = new BacklogSampler(databaseUrl);
  const server = new ServerProcess({
    port,
    env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ACCESS_TOKEN_TTL_SECONDS: '3600' },
  });
  try {
    log(`database ${databaseName}: seeding the demo clients`);
    await seedDemoClientsInto(databaseUrl, port);
    await server.start();
    await sampler.open();
    const practice = new FhirClient(server.base, 'demo-huisarts');
    const owner = new FhirClient(server.base, 'demo-welzijn');
    const subscriptionId = await subscribe(owner, { topic: TOPIC.verwijzingstaak, filter: `Task?owner=Organization/${WELFARE_ORG}`, endpoint: receiver.url, payload: 'id-only', maxCount });
    await waitForSubscriptionStatus(owner, subscriptionId, 'active');
    log(`Subscription/${subscriptionId} is active; placing ${poolSize} referrals`);

    const role = await createRequesterRole(practice);
    const tasks: Task[] = [];
    while (tasks.length < poolSize) {
      const bundle = referralBundle(role, Array.from({ length: Math.min(20, poolSize - tasks.length) }, () => WELFARE_ORG));
      const res = await practice.request('POST', '', bundle);
      if (res.status !== 200) throw new Error(`referrals refused: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
      tasks.push(...createdTasks(bundle, res.body as Bundle).map((t) => t.stored!));
    }
    while (receiver.events.length < poolSize) await sleep(100);
    await sleep(1000);
    const pool = new TaskPool(tasks);

    const results: RunFigures[] = [];
    log(`open loop: ${rate} writes/s for ${seconds} s`);
    results.push(await openLoop(owner, pool, receiver.events, server, sampler));
    log(`${results[0]!.name}: p50 ${fixed(results[0]!.p50)} ms, p95 ${fixed(results[0]!.p95)} ms, ${fixed(results[0]!.eventsPerSecond, 0)} events/s, ${results[0]!.lost} lost`);
    await sleep(1000);
    log(`burst: ${burst} writes, ${burstConcurrency} concurrent`);
    results.push(await burstRun(owner, pool, receiver.events, server, sampler));
    log(`${results[1]!.name}: p50 ${fixed(results[1]!.p50)} ms, p95 ${fixed(results[1]!.p95)} ms, ${fixed(results[1]!.eventsPerSecond, 0)} events/s, ${results[1]!.lost} lost`);
    const duplicates = receiver.events.length - new Set(receiver.events.map((e) => e.number)).size;
    log(`${receiver.notifications.length} notifications, ${receiver.events.length} events, ${duplicates} duplicates, ${receiver.rejected.length} rejected`);
    printTable(results, loadAtStart);
  } finally {
    await sampler.close().catch(() => undefined);
    await server.stop();
    await receiver.close();
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
