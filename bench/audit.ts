/**
 * `npm run bench:audit`: what the audit trail costs (issue 18), in one run on this machine.
 *
 *  1. database growth per audited read: the size of every table and index before and after AUDIT_READS reads of one
 *     Patient (each writes its access event), after the seal has run;
 *  2. read-by-id throughput as a ratio to a bare Fastify route measured just before it, like `npm run bench`;
 *  3. an auditor's search by patient with AUDIT_EVENTS events in the log (seeded straight into the log with SQL
 *     `generate_series`, spread over twelve monthly partitions), at 1 and at BENCH_CONNECTIONS connections, and
 *     limited to a recent period.
 *
 * With AUDIT_COMPARE_DIR set to another checkout (the main branch, say), 1 and 2 are measured on its server first, on
 * a database of its own, with its own benchmark tokens: "before" and "after" in the same run. Settings: bench/README.md.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import type { benchTokens as BenchTokensOf, BenchTokens } from './bench-tokens.ts';
import { startChild, type Child } from './child.ts';
import { httpLoad, loopLoad, type Figures } from './measure.ts';
import { scratchDatabaseUrl, setting, whole, withAdmin } from './settings.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = whole('BENCH_SECONDS', 5);
const warmup = Number(setting('BENCH_WARMUP', '1'));
const connections = whole('BENCH_CONNECTIONS', 10);
const port = whole('BENCH_PORT', 8097);
const events = whole('AUDIT_EVENTS', 10_000_000);
const patients = whole('AUDIT_PATIENTS', 100_000);
const reads = whole('AUDIT_READS', 5000);
const compareDir = process.env.AUDIT_COMPARE_DIR ? path.resolve(process.env.AUDIT_COMPARE_DIR) : undefined;
const { name: databaseName, url: databaseUrl } = scratchDatabaseUrl('AUDIT_BENCH_DB', 'brug_bench_audit');
const base = `http://127.0.0.1:${port}/fhir`;

interface Row {
  what: string;
  value: string;
  note?: string;
}
const rows: Row[] = [];
let failures = 0;

function log(message: string): void {
  console.error(`[bench:audit ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function freshDatabase(): Promise<void> {
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${databaseName}`);
  });
}

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SET statement_timeout = 0');
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Every table with its indexes and TOAST: what the database holds on disk for the data. */
async function databaseBytes(): Promise<number> {
  const [row] = await sql<{ bytes: string }>(
    "SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'",
  );
  return Number(row!.bytes);
}

async function startServer(dir: string, env: Record<string, string> = {}): Promise<Child> {
  const serverEnv = { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ...env };
  return startChild(['src/main.ts'], serverEnv, `http://127.0.0.1:${port}/readyz`, dir);
}

/** The checkout's own benchmark tokens, so its own migrations make its own schema. */
async function tokensOf(dir: string): Promise<BenchTokens> {
  const { benchTokens } = (await import(path.join(dir, 'bench/bench-tokens.ts'))) as { benchTokens: typeof BenchTokensOf };
  return benchTokens(loadConfig({ DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' }), 'org-00');
}

async function bareFastify(): Promise<Figures> {
  const bare = await startChild(['bench/bare-fastify.ts'], { PORT: String(port + 1) }, `http://127.0.0.1:${port + 1}/task`, root);
  try {
    const load = { name: 'bare Fastify', url: `http://127.0.0.1:${port + 1}`, connections, seconds, next: () => ({ path: '/task' }) };
    if (warmup > 0) await httpLoad({ ...load, seconds: warmup });
    return await httpLoad(load);
  } finally {
    await bare.stop();
  }
}

function counted(figures: Figures): Figures {
  if (figures.failed > 0 || figures.ok === 0) {
    failures++;
    log(`${figures.name}: ${figures.failed} failed, ${figures.ok} ok (${figures.note ?? ''})`);
  }
  return figures;
}

/** Growth per read and read throughput of one checkout's server. */
async function measureReads(label: string, dir: string): Promise<void> {
  await freshDatabase();
  const tokens = await tokensOf(dir);
  const server = await startServer(dir);
  try {
    const headers = { authorization: `Bearer ${tokens.admin}`, accept: 'application/fhir+json' };
    const created = await fetch(`${base}/Patient`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Audit', given: ['Bench'] }], gender: 'female', birthDate: '1970-01-01' }),
    });
    const id = ((await created.json()) as { id: string }).id;
    if (created.status !== 201) throw new Error(`${label}: creating the Patient answered ${created.status}`);
    // Settle what start-up wrote, so only the reads are counted.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const before = await databaseBytes();
    let next = 0;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < reads) {
          next++;
          const res = await fetch(`${base}/Patient/${id}`, { headers });
          await res.arrayBuffer();
          if (res.status !== 200) failures++;
        }
      }),
    );
    // The seal of the last reads (every second) belongs to their cost.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const grown = (await databaseBytes()) - before;
    rows.push({ what: `${label}: database growth per audited read`, value: `${(grown / reads).toFixed(0)} bytes`, note: `${reads} reads of one Patient, ${(grown / 1024 / 1024).toFixed(1)} MB in all` });
    log(`${label}: ${(grown / reads).toFixed(0)} bytes per read`);
    const bare = counted(await bareFastify());
    const load = { name: `${label}: GET /fhir/Patient/{id}`, url: `http://127.0.0.1:${port}`, connections, seconds, headers, next: () => ({ path: `/fhir/Patient/${id}` }) };
    if (warmup > 0) await httpLoad({ ...load, seconds: warmup });
    const read = counted(await httpLoad(load));
    const ratio = read.opsPerSecond / bare.opsPerSecond;
    rows.push({
      what: `${label}: read by id vs bare Fastify`,
      value: ratio.toFixed(3),
      note: `${read.opsPerSecond.toFixed(0)} vs ${bare.opsPerSecond.toFixed(0)} /s at ${connections} connections; read p50 ${read.p50.toFixed(1)} ms, p95 ${read.p95.toFixed(1)} ms`,
    });
    log(`${label}: reads ${read.opsPerSecond.toFixed(0)}/s, bare ${bare.opsPerSecond.toFixed(0)}/s (${ratio.toFixed(3)})`);
  } finally {
    await server.stop();
  }
}

/**
 * Seeds the log of the current checkout's database with `events` events over the last twelve months: 80 % reads of
 * a Task (one patient), 15 % searches (a query and three patients), 5 % creates, of `patients` residents.
 */
async function seedLog(): Promise<void> {
  const started = performance.now();
  await sql("SELECT brug_audit_partition((date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => g))::date) FROM generate_series(0, 12) g");
  const chunk = 1_000_000;
  for (let from = 1; from <= events; from += chunk) {
    const to = Math.min(events, from + chunk - 1);
    await sql(
      `INSERT INTO audit_log (id, recorded, started, type_code, subtype_code, action, outcome, client_id, organization_id, organization_role, token_id, address,
         entity_type, entity_id, entity_version, patients, query, source)
       SELECT gen_random_uuid()::text, now() - interval '1 hour' - (($3::int - g)::float8 / $3::int) * interval '360 days',
         now() - interval '1 hour' - (($3::int - g)::float8 / $3::int) * interval '360 days' - interval '15 milliseconds', 'rest',
         CASE WHEN g % 20 < 16 THEN 'read' WHEN g % 20 < 19 THEN 'search-type' ELSE 'create' END,
         CASE WHEN g % 20 < 16 THEN 'R' WHEN g % 20 < 19 THEN 'E' ELSE 'C' END, '0',
         'client-' || (g % 400), 'org-' || (g % 400), CASE WHEN g % 2 = 0 THEN 'first-line' ELSE 'social-domain' END,
         md5(g::text)::uuid::text, '10.0.' || (g % 250) || '.' || (g % 200),
         CASE WHEN g % 20 < 16 OR g % 20 = 19 THEN 'Task' END, CASE WHEN g % 20 < 16 OR g % 20 = 19 THEN 'task-' || (g % 1000000) END,
         CASE WHEN g % 20 < 16 OR g % 20 = 19 THEN '1' END,
         CASE WHEN g % 20 BETWEEN 16 AND 18 THEN ARRAY['p-' || ((g * 7919) % $4), 'p-' || (((g + 1) * 7919) % $4), 'p-' || (((g + 2) * 7919) % $4)]
              ELSE ARRAY['p-' || ((g * 7919) % $4)] END,
         CASE WHEN g % 20 BETWEEN 16 AND 18 THEN '/Task?owner=Organization/org-' || (g % 400) || '&status=requested' END,
         '${base}'
       FROM generate_series($1::bigint, $2::bigint) g`,
      [from, to, events, patients],
    );
    log(`seeded ${to} of ${events} events`);
  }
  await sql('VACUUM ANALYZE audit_log');
  const secondsTaken = (performance.now() - started) / 1000;
  rows.push({ what: 'seeding the log', value: `${events} events in ${secondsTaken.toFixed(0)} s`, note: `${patients} patients, ${(await databaseBytes() / 1024 / 1024 / 1024).toFixed(2)} GB database` });
}

async function measureSearches(): Promise<void> {
  const tokens = await tokensOf(root);
  const server = await startServer(root, { AUDIT_SEAL_INTERVAL_MS: '0' });
  const headers = { authorization: `Bearer ${tokens.admin}`, accept: 'application/fhir+json' };
  const patient = (n: number) => `p-${(n * 104_729) % patients}`;
  const since = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  const search = (query: (n: number) => string) => async (n: number) => {
    const res = await fetch(`${base}/AuditEvent?${query(n)}`, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  };
  try {
    const total = await fetch(`${base}/AuditEvent?patient=Patient/${patient(1)}&_total=accurate&_count=1`, { headers });
    const matches = ((await total.json()) as { total?: number }).total;
    const byPatient = (n: number) => `patient=Patient/${patient(n)}&_count=20`;
    const recent = (n: number) => `patient=Patient/${patient(n)}&date=ge${since}&_count=20`;
    for (const [name, query, conns] of [
      ['auditor search by patient, 1 connection', byPatient, 1],
      [`auditor search by patient, ${connections} connections`, byPatient, connections],
      ['auditor search by patient and the last 30 days, 1 connection', recent, 1],
    ] as const) {
      if (warmup > 0) await loopLoad(name, conns, warmup, search(query));
      const f = counted(await loopLoad(name, conns, seconds, search(query)));
      rows.push({ what: `${name} @${events} events`, value: `p95 ${f.p95.toFixed(1)} ms`, note: `p50 ${f.p50.toFixed(1)} ms, ${f.opsPerSecond.toFixed(0)}/s; ${matches} events per patient (first page of 20)` });
      log(`${name}: p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms`);
    }
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const [load] = await import('node:os').then((os) => os.loadavg());
  log(`load average ${load!.toFixed(1)}`);
  try {
    if (compareDir) await measureReads('before', compareDir);
    await measureReads(compareDir ? 'after' : 'Brug', root);
    await seedLog();
    await measureSearches();
  } finally {
    if (setting('AUDIT_KEEP_DB', '0') !== '1')
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`)).catch((err: unknown) => log(`could not drop ${databaseName}: ${String(err)}`));
  }
  const [end] = await import('node:os').then((os) => os.loadavg());
  process.stdout.write(`| measurement | value | note |\n|---|--:|---|\n${rows.map((r) => `| ${r.what} | ${r.value} | ${r.note ?? ''} |`).join('\n')}\n`);
  process.stdout.write(`\nload average ${load!.toFixed(1)} at the start, ${end!.toFixed(1)} at the end; targets: growth < 1024 bytes per read, search p95 < 100 ms\n`);
  if (failures > 0) {
    log(`${failures} failed requests: the figures measure an error path`);
    process.exitCode = 1;
  }
}

await main();
