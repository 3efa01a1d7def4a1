/**
 * `npm run bench`: measures Brug against its own ceilings on this machine, in one command.
 *
 *  a. a bare Fastify JSON route (the HTTP ceiling for reads);
 *  b. raw INSERT and SELECT by key of the same Task JSON through a pg Pool the server's size (the SQL ceiling);
 *  p. the peer: Medplum's fhir-router in memory with validateResource on writes (bench/medplum-peer.ts), creates
 *     and reads of the same Tasks;
 *  c. POST /fhir/Task, d. GET /fhir/Task/{id}, e. GET /fhir/Task?owner=…&status=… at each seeded size;
 *
 * then prints a table, the side-by-side comparison and the ratios against the targets. The server runs as a child process (`node src/main.ts`,
 * LOG_LEVEL=warn) on a scratch PostgreSQL database that is dropped afterwards; figures on the embedded store (the
 * default without DATABASE_URL, in a temporary DATA_DIR) follow unless BENCH_EMBEDDED=0. Settings (environment): see
 * bench/README.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig, type Config } from '../src/config.ts';
import { openStore } from '../src/store/index.ts';
import { FhirClient } from '../test/support/referral-load.ts';
import { benchTokens, type BenchTokens } from './bench-tokens.ts';
import { serviceArgs, startChild, type Child } from './child.ts';
import { withCpu, type CpuSources } from './cpu.ts';
import { httpLoad, type Figures, type HttpLoad } from './measure.ts';
import { placeReferrals } from './place-referrals.ts';
import { rawSql } from './raw-sql.ts';
import { makeTask, ownerId, OWNERS, PAIRS, seedTasks, STATUSES } from './seed-tasks.ts';
import { ADMIN_URL, scratchDatabaseUrl, setting, whole, withAdmin } from './settings.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const seconds = whole('BENCH_SECONDS', 5);
const warmupSeconds = Number(setting('BENCH_WARMUP', '1'));
const connections = whole('BENCH_CONNECTIONS', 10);
const port = whole('BENCH_PORT', 8099);
const sizes = setting('BENCH_SIZES', '10000,100000').split(',').map((s) => Number(s.trim()));
// BENCH_PGLITE and BENCH_PGLITE_SIZES, the names from before the default store was called embedded, still work.
const embeddedSizes = setting('BENCH_EMBEDDED_SIZES', setting('BENCH_PGLITE_SIZES', String(sizes[0]))).split(',').map((s) => Number(s.trim()));
const withEmbedded = setting('BENCH_EMBEDDED', setting('BENCH_PGLITE', '1')) !== '0';
const withPeer = setting('BENCH_PEER', '1') !== '0';
const { name: databaseName, url: databaseUrl } = scratchDatabaseUrl('BENCH_DB', 'brug_bench');
const cpuProfileDir = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : undefined;
if (sizes.some((s) => !Number.isInteger(s) || s < 1) || embeddedSizes.some((s) => !Number.isInteger(s) || s < 1)) {
  throw new Error('BENCH_SIZES and BENCH_EMBEDDED_SIZES are comma-separated positive whole numbers');
}
if (!Number.isInteger(warmupSeconds) || warmupSeconds < 0) throw new Error('BENCH_WARMUP must be a whole number of seconds');

const base = `http://127.0.0.1:${port}/fhir`;
// Every FHIR request carries an access token (issue 5); set once the benchmark database exists.
let tokens: BenchTokens = { admin: '', owner: '' };
const asAdmin = (): Record<string, string> => ({ accept: 'application/fhir+json', authorization: `Bearer ${tokens.admin}` });
const fhirJson = (): Record<string, string> => ({ ...asAdmin(), 'content-type': 'application/fhir+json' });
const results: Figures[] = [];

function log(message: string): void {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function record(figures: Figures): Figures {
  results.push(figures);
  log(`${figures.name}: ${figures.opsPerSecond.toFixed(0)}/s, p50 ${figures.p50.toFixed(2)} ms, p95 ${figures.p95.toFixed(2)} ms` + (figures.failed ? `, ${figures.failed} failed (${figures.note ?? ''})` : ''));
  return figures;
}

/**
 * Every HTTP figure is taken after a short unrecorded run of the same load, so the JIT and the pools are warm;
 * CPU time is counted over the recorded run only.
 */
async function measured(cpu: CpuSources, load: HttpLoad): Promise<Figures> {
  if (warmupSeconds > 0) await httpLoad({ ...load, seconds: warmupSeconds });
  return withCpu(cpu, () => httpLoad(load));
}

async function startServer(env: Record<string, string>): Promise<Child> {
  const args = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`, ...serviceArgs(root)] : serviceArgs(root);
  return startChild(args, { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ...env }, `http://127.0.0.1:${port}/readyz`, root);
}

/**
 * c. creates of referral Tasks, spread over the owners like the seeded Tasks. The workflow takes a Task only as
 * `requested` and for a ServiceRequest with an active Consent, so one referral per owner is placed first and each
 * create names one of them (its consent is checked in every create, as in a deployment).
 */
async function measureCreate(store: string, firstN: number, cpu: CpuSources): Promise<{ figures: Figures; sent: number }> {
  const admin = new FhirClient(base, 'bench-admin', tokens.admin);
  const referrals = await placeReferrals(admin, Array.from({ length: OWNERS }, (_, i) => ownerId(i)));
  let n = firstN;
  const figures = await measured(cpu, {
    name: `${store}: POST /fhir/Task`,
    url: base,
    connections,
    seconds,
    method: 'POST',
    headers: fhirJson(),
    next: () => {
      const body = JSON.stringify(makeTask(n, referrals[n % referrals.length]));
      n++;
      return { path: '/fhir/Task', body };
    },
  });
  return { figures: record(figures), sent: n - firstN };
}

/** d. reads of random existing Tasks. */
async function measureRead(store: string, ids: readonly string[], cpu: CpuSources): Promise<Figures> {
  if (ids.length === 0) throw new Error('no Tasks to read: did the creates fail?');
  return record(
    await measured(cpu, {
      name: `${store}: GET /fhir/Task/{id}`,
      url: base,
      connections,
      seconds,
      headers: asAdmin(),
      next: () => ({ path: `/fhir/Task/${ids[Math.floor(Math.random() * ids.length)]}` }),
    }),
  );
}

function searchPath(pair: number, extra = ''): string {
  return `/fhir/Task?owner=Organization/${ownerId(pair)}&status=${STATUSES[Math.floor(pair / 50) % STATUSES.length]}${extra}`;
}

/** How many Tasks one search matches at this size (asked of the server with _total=accurate, over a sample of pairs). */
async function matchesPerQuery(): Promise<{ mean: number; min: number; max: number }> {
  const totals: number[] = [];
  for (let pair = 0; pair < PAIRS; pair += 23) {
    const res = await fetch(`http://127.0.0.1:${port}${searchPath(pair, '&_total=accurate&_count=0')}`, { headers: asAdmin() });
    const body = (await res.json()) as { total?: number; issue?: { diagnostics?: string }[] };
    if (!res.ok || typeof body.total !== 'number') throw new Error(`search failed: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    totals.push(body.total);
  }
  return { mean: totals.reduce((a, b) => a + b, 0) / totals.length, min: Math.min(...totals), max: Math.max(...totals) };
}

/** e. searches by owner and status, the worklist query of a receiving organisation, first page (20). */
async function measureSearch(store: string, size: number, cpu: CpuSources): Promise<Figures[]> {
  let matches: string;
  try {
    const m = await matchesPerQuery();
    matches = `${m.mean.toFixed(0)} matches/query (${m.min}–${m.max})`;
  } catch (err) {
    log(`search does not work: ${err instanceof Error ? err.message : String(err)}`);
    return [];
  }
  const out: Figures[] = [];
  for (const c of [connections, 1]) {
    const figures = await measured(cpu, {
      name: `${store}: search owner+status @${size / 1000}k, ${c} conn`,
      url: base,
      connections: c,
      seconds,
      headers: asAdmin(),
      next: () => ({ path: searchPath(Math.floor(Math.random() * PAIRS)) }),
    });
    figures.note = figures.note ? `${matches}; ${figures.note}` : matches;
    out.push(record(figures));
  }
  // The same worklist asked by the owning organisation itself: its access filter is part of every query.
  const scoped = await measured(cpu, {
    name: `${store}: search owner+status as the owner @${size / 1000}k, ${connections} conn`,
    url: base,
    connections,
    seconds,
    headers: { accept: 'application/fhir+json', authorization: `Bearer ${tokens.owner}` },
    next: () => ({ path: searchPath(OWNERS * Math.floor(Math.random() * STATUSES.length)) }),
  });
  scoped.note = `owner ${ownerId(0)}, access filter on`;
  out.push(record(scoped));
  return out;
}

/** p. the peer on the same Tasks: creates (each validated), then reads of what it stored. */
async function benchPeer(): Promise<void> {
  const peerPort = port + 2;
  const peerUrl = `http://127.0.0.1:${peerPort}`;
  log('p. the peer: Medplum fhir-router in memory, validateResource on writes');
  const peer = await startChild(['bench/medplum-peer.ts'], { PORT: String(peerPort) }, `${peerUrl}/ready`, root);
  try {
    const cpu = { app: peer.process.pid };
    const referral = { patient: 'peer-patient', serviceRequest: 'peer-request', task: '' };
    let n = 0;
    const json = { accept: 'application/fhir+json', 'content-type': 'application/fhir+json' };
    record(
      await measured(cpu, {
        name: 'peer: POST /fhir/Task',
        url: peerUrl,
        connections,
        seconds,
        method: 'POST',
        headers: json,
        next: () => ({ path: '/fhir/Task', body: JSON.stringify(makeTask(n++, referral)) }),
      }),
    );
    const res = await fetch(`${peerUrl}/fhir/Task?_count=1000`, { headers: json });
    const bundle = (await res.json()) as { entry?: { resource?: { id?: string } }[] };
    const ids = (bundle.entry ?? []).map((e) => e.resource?.id).filter((id): id is string => typeof id === 'string');
    if (ids.length === 0) throw new Error(`the peer stored no Tasks (HTTP ${res.status})`);
    record(
      await measured(cpu, {
        name: 'peer: GET /fhir/Task/{id}',
        url: peerUrl,
        connections,
        seconds,
        headers: json,
        next: () => ({ path: `/fhir/Task/${ids[Math.floor(Math.random() * ids.length)]}` }),
      }),
    );
  } finally {
    await peer.stop();
  }
}

async function countTasks(url: string): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM resources WHERE resource_type = 'Task'`);
    return rows[0]!.n;
  } finally {
    await pool.end();
  }
}

async function seedTo(config: Config, have: number, size: number, concurrency: number): Promise<void> {
  if (have >= size) return;
  log(`seeding Tasks ${have}..${size} through the repository`);
  const seeded = await seedTasks(config, have, size, concurrency, (done) => log(`  ${done} seeded`));
  log(`seeded ${seeded.written} in ${seeded.seconds.toFixed(1)} s (${(seeded.written / seeded.seconds).toFixed(0)}/s)`);
}

async function benchPostgres(): Promise<void> {
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${databaseName}`);
    await c.query(`CREATE DATABASE ${databaseName}`);
  });
  const env = { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' };
  const config = loadConfig(env);
  // Lists the backends connected to the benchmark database, for their CPU time; it is itself connected elsewhere.
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const dbBackends = async (): Promise<number[]> =>
    (await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [databaseName])).rows.map((r) => r.pid);
  try {
    log('a. bare Fastify JSON route');
    const bare = await startChild(['bench/bare-fastify.ts'], { PORT: String(port + 1) }, `http://127.0.0.1:${port + 1}/task`, root);
    try {
      const load = { name: 'bare Fastify GET (same Task JSON)', url: `http://127.0.0.1:${port + 1}`, connections, seconds, next: () => ({ path: '/task' }) };
      record(await measured({ app: bare.process.pid }, load));
    } finally {
      await bare.stop();
    }

    log(`b. raw SQL through a pg Pool of ${config.databasePoolSize}`);
    const raw = await rawSql(databaseUrl, config.databasePoolSize, connections, seconds, dbBackends);
    record(raw.insert);
    record(raw.select);

    if (withPeer) await benchPeer();

    log('c–e. the server on PostgreSQL');
    tokens = await benchTokens(config, ownerId(0));
    const server = await startServer(env);
    const cpu: CpuSources = { app: server.process.pid, dbBackends };
    try {
      const { sent } = await measureCreate('PostgreSQL', 0, cpu);
      const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
      const ids = (await pool.query<{ id: string }>(`SELECT id FROM resources WHERE resource_type = 'Task' ORDER BY random() LIMIT 2000`)).rows.map((r) => r.id);
      await pool.end();
      await measureRead('PostgreSQL', ids, cpu);
      let have = await countTasks(databaseUrl);
      if (have < sent) log(`note: ${sent} creates sent, ${have} stored`);
      for (const size of sizes) {
        await seedTo(config, have, size, config.databasePoolSize);
        have = Math.max(have, size);
        // What autovacuum does after a bulk load anyway; without it the planner guesses from an empty table.
        const analyze = new pg.Client({ connectionString: databaseUrl });
        await analyze.connect();
        await analyze.query('VACUUM ANALYZE');
        await analyze.end();
        await measureSearch('PostgreSQL', size, cpu);
      }
    } finally {
      await server.stop();
    }
  } finally {
    await admin.end();
  }
}

/** The default store of `npm start` (no DATABASE_URL), in a fresh data directory. */
async function benchEmbedded(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'brug-bench-embedded-'));
  const env = { DATA_DIR: dataDir, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1' };
  const config = loadConfig(env);
  try {
    log('c–e. the server on the embedded store');
    tokens = await benchTokens(config, ownerId(0));
    let server = await startServer(env);
    try {
      await measureCreate('embedded', 0, { app: server.process.pid });
      // The server holds the only connection to its embedded store; ids come from a search instead.
      const res = await fetch(`${base}/Task?_count=1000&_elements=id`, { headers: asAdmin() });
      const bundle = (await res.json()) as { entry?: { resource?: { id?: string } }[] };
      const ids = (bundle.entry ?? []).map((e) => e.resource?.id).filter((id): id is string => typeof id === 'string');
      await measureRead('embedded', ids, { app: server.process.pid });
    } finally {
      await server.stop();
    }
    for (const size of embeddedSizes) {
      // The embedded store belongs to one process: seed with the server stopped, then start it again on the same directory.
      const store = await openStore(config);
      const have = Number((await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM resources WHERE resource_type = 'Task'`)).rows[0]!.n);
      await store.db.close();
      await seedTo(config, have, size, 1);
      const again = await openStore(config);
      await again.db.query('VACUUM ANALYZE');
      await again.db.close();
      server = await startServer(env);
      try {
        await measureSearch('embedded', size, { app: server.process.pid });
      } finally {
        await server.stop();
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

function find(prefix: string): Figures | undefined {
  return results.find((r) => r.name.startsWith(prefix));
}

function ms(value: number): string {
  return Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1);
}

function cpuMs(value: number | undefined): string {
  return value === undefined ? '–' : value.toFixed(2);
}

function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(1)).join(' ');
}

function printTable(): void {
  const lines = [
    `Brug benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, ${os.cpus().length} cores, ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, ${seconds} s per figure, load average at start ${loadAtStart}, at end ${loadAverage()}`,
    '',
    '| measurement | conns | ok/s | p50 ms | p95 ms | p99 ms | failed | app CPU ms/op | PG CPU ms/op | note |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|---|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.connections} | ${r.opsPerSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.failed} | ` +
        `${cpuMs(r.appCpuMsPerOp)} | ${cpuMs(r.dbCpuMsPerOp)} | ${r.note ?? ''} |`,
    ),
    '',
    '| target | measured | ratio | goal | |',
    '|---|---|--:|---|---|',
  ];
  const ratio = (label: string, num: Figures | undefined, den: Figures | undefined, pick: (f: Figures) => number, goal: number, atLeast: boolean, detail: string): void => {
    if (!num || !den) {
      lines.push(`| ${label} | not measured | – | ${atLeast ? '≥' : '≤'} ${goal} | – |`);
      return;
    }
    const value = pick(num) / pick(den);
    const ok = atLeast ? value >= goal : value <= goal;
    lines.push(`| ${label} | ${detail.replace('{a}', pick(num).toFixed(pick(num) < 10 ? 2 : 0)).replace('{b}', pick(den).toFixed(pick(den) < 10 ? 2 : 0))} | ${value.toFixed(3)} | ${atLeast ? '≥' : '≤'} ${goal} | ${ok ? 'met' : 'MISSED'} |`);
  };
  // Issue 18's targets: a read at 0.12 × the bare route on either store, a create at 0.2 × one raw INSERT.
  ratio('read vs bare Fastify, PostgreSQL', find('PostgreSQL: GET /fhir/Task/{id}'), find('bare Fastify'), (f) => f.opsPerSecond, 0.12, true, '{a} vs {b} /s');
  ratio('read vs bare Fastify, embedded', find('embedded: GET /fhir/Task/{id}'), find('bare Fastify'), (f) => f.opsPerSecond, 0.12, true, '{a} vs {b} /s');
  ratio('create vs raw INSERT, PostgreSQL', find('PostgreSQL: POST'), find('raw SQL INSERT'), (f) => f.opsPerSecond, 0.2, true, '{a} vs {b} /s');
  const searchSizes: [string, number[]][] = [['PostgreSQL', sizes], ['embedded', embeddedSizes]];
  for (const [store, storeSizes] of searchSizes) {
    const small = storeSizes[0]!;
    const large = storeSizes[storeSizes.length - 1]!;
    if (small === large) continue;
    for (const c of [connections, 1]) {
      const a = find(`${store}: search owner+status @${large / 1000}k, ${c} conn`);
      const b = find(`${store}: search owner+status @${small / 1000}k, ${c} conn`);
      const label = `${store} search @${large / 1000}k vs @${small / 1000}k, ${c} conn`;
      ratio(`${label}, p50`, a, b, (f) => f.p50, 1.5, false, '{a} vs {b} ms');
      ratio(`${label}, p95`, a, b, (f) => f.p95, 1.5, false, '{a} vs {b} ms');
    }
  }
  lines.push('', ...comparison());
  console.log(lines.join('\n'));
}

/** One line per system, reads against the bare route and creates against one raw INSERT, all from this run. */
function comparison(): string[] {
  const bare = find('bare Fastify');
  const insert = find('raw SQL INSERT');
  const rate = (f: Figures | undefined, den: Figures | undefined): string =>
    f ? `${f.opsPerSecond.toFixed(0)}/s${den ? ` (${(f.opsPerSecond / den.opsPerSecond).toFixed(3)}×)` : ''}` : '–';
  const row = (system: string, read: Figures | undefined, create: Figures | undefined): string => `| ${system} | ${rate(read, bare)} | ${rate(create, insert)} |`;
  return [
    '| system | GET by id (× bare Fastify) | POST create (× raw INSERT) |',
    '|---|--:|--:|',
    row('bare Fastify JSON route', bare, undefined),
    row('raw SQL, pg Pool (SELECT by key / INSERT)', find('raw SQL SELECT'), insert),
    row('peer: Medplum fhir-router, in memory, validateResource on writes', find('peer: GET'), find('peer: POST')),
    row('Brug on PostgreSQL', find('PostgreSQL: GET /fhir/Task/{id}'), find('PostgreSQL: POST')),
    row('Brug on the embedded default', find('embedded: GET /fhir/Task/{id}'), find('embedded: POST')),
  ];
}

const started = performance.now();
const loadAtStart = loadAverage();
try {
  log(`${seconds} s per figure, ${connections} connections, sizes ${sizes.join(', ')}; PostgreSQL database ${databaseName}; load average ${loadAtStart}`);
  await benchPostgres();
  if (withEmbedded) await benchEmbedded();
} catch (err) {
  log(`stopped: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
} finally {
  if (setting('BENCH_KEEP_DB', '0') !== '1') {
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${databaseName}`)).catch((err: unknown) => log(`could not drop ${databaseName}: ${String(err)}`));
  }
}
printTable();
// A figure without successes, or with failures, measures an error path, not Brug: the run must not look green.
const broken = results.filter((r) => r.ok === 0 || r.failed > 0);
if (broken.length > 0) {
  log(`not every request succeeded: ${broken.map((r) => `${r.name} (${r.failed} failed${r.note ? `, ${r.note}` : ''})`).join('; ')}`);
  process.exitCode = 1;
}
log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
