// Times `$evaluate-measure` for every Brug Measure on many referrals (issue 8), on PostgreSQL.
//
//   npm run bench:monitoring            # 100,000 referrals, about two minutes
//   BENCH_REFERRALS=20000 BENCH_REPEATS=5 npm run bench:monitoring
//
// Creates the scratch database BENCH_DB (default brug_bench_monitoring) through BENCH_PG_URL / DATABASE_URL
// (default postgres://postgres@127.0.0.1:5432/postgres), builds the app in process, seeds the referrals straight
// into the store (bench/monitoring-seed.ts), runs VACUUM ANALYZE, then evaluates each Measure for the year and
// for one quarter, as the municipality demo-gemeente (GM0344, 70% of the referrals), through app.inject: the
// full HTTP path without a socket. Prints a Markdown table (p50 / p95 over BENCH_REPEATS, after one unrecorded
// warm-up) to stdout and progress to stderr; drops the database unless BENCH_KEEP_DB=1.
import type { Resource } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { MEASURES } from '../src/monitoring/measures.ts';
import { seedDemoClients } from '../src/security/index.ts';
import { parseScopes } from '../src/security/scopes.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { directory, referral, writeResources } from './monitoring-seed.ts';

const REFERRALS = Number(process.env.BENCH_REFERRALS ?? 100_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 9);
const ADMIN_URL = process.env.BENCH_PG_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = process.env.BENCH_DB ?? 'brug_bench_monitoring';
const YEAR = 2026;
const BATCH = 2000;

const log = (line: string) => process.stderr.write(`${line}\n`);

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function databaseUrl(): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB}`;
  return url.href;
}

/**
 * Bulk loading: the search-index tables' indexes are dropped first and built again afterwards (from their own
 * definitions, so they are the migrations' indexes), which is much faster than keeping them up row by row.
 */
async function withoutIndexes<T>(db: Store['db'], load: () => Promise<T>): Promise<T> {
  const found = await db.query<{ indexname: string; indexdef: string }>(
    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND (tablename LIKE 'sp\\_%' OR tablename = 'resource_history') AND indexdef NOT LIKE 'CREATE UNIQUE%'",
  );
  for (const i of found.rows) await db.query(`DROP INDEX ${i.indexname}`);
  const result = await load();
  log(`  rebuilding ${found.rows.length} indexes`);
  for (const i of found.rows) await db.query(i.indexdef);
  return result;
}

async function seed(app: FastifyInstance): Promise<number> {
  const started = performance.now();
  const store = app.fhirEngine.repo;
  const lastUpdated = new Date().toISOString();
  await store.transaction((tx) => writeResources(tx.sql, app.fhirEngine.indexer, directory().map((r) => [r]), lastUpdated));
  for (let from = 0; from < REFERRALS; from += BATCH) {
    const list: Resource[][] = [];
    for (let n = from; n < Math.min(REFERRALS, from + BATCH); n++) list.push(...referral(n, YEAR));
    await store.transaction((tx) => writeResources(tx.sql, app.fhirEngine.indexer, list, lastUpdated));
    if ((from / BATCH) % 10 === 9) log(`  ${from + BATCH} referrals`);
  }
  return (performance.now() - started) / 1000;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

async function time(app: FastifyInstance, token: string, measure: string, start: string, end: string): Promise<{ p50: number; p95: number }> {
  const call = async () => {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url: `/fhir/Measure/${measure}/$evaluate-measure?periodStart=${start}&periodEnd=${end}`, headers: { authorization: `Bearer ${token}` } });
    if (res.statusCode !== 200) throw new Error(`${measure} ${start}: ${res.statusCode} ${res.body}`);
    return performance.now() - t0;
  };
  await call();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) times.push(await call());
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

async function main(): Promise<void> {
  await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB}`);
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl(), LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ACCESS_TOKEN_TTL_SECONDS: '3600' });
  const store = await openStore(config);
  const app = await buildApp(config, { store, logger: false });
  try {
    await app.ready();
    await seedDemoClients(app);
    log(`seeding ${REFERRALS} referrals`);
    const seconds = await withoutIndexes(store.db, () => seed(app));
    await store.db.query('VACUUM ANALYZE');
    const counts = await store.db.query<{ resource_type: string; n: string }>('SELECT resource_type, count(*) AS n FROM resources GROUP BY 1 ORDER BY 1');
    log(`seeded in ${seconds.toFixed(1)} s: ${counts.rows.map((r) => `${r.n} ${r.resource_type}`).join(', ')}`);
    const client = (await app.security.clients.get('demo-gemeente'))!;
    const { accessToken } = await app.security.tokens.issue({ clientId: client.clientId, role: client.role, organization: client.organization, scopes: parseScopes('system/*.rs').scopes });
    const lines = ['| measure | year p50 (ms) | year p95 (ms) | quarter p50 (ms) | quarter p95 (ms) |', '|---|---|---|---|---|'];
    for (const m of MEASURES) {
      const year = await time(app, accessToken, m.id, `${YEAR}-01-01`, `${YEAR}-12-31`);
      const quarter = await time(app, accessToken, m.id, `${YEAR}-04-01`, `${YEAR}-06-30`);
      lines.push(`| ${m.id} | ${year.p50.toFixed(0)} | ${year.p95.toFixed(0)} | ${quarter.p50.toFixed(0)} | ${quarter.p95.toFixed(0)} |`);
      log(lines.at(-1)!);
    }
    process.stdout.write(`${REFERRALS} referrals (GM0344: 70%), ${REPEATS} repeats after one warm-up, PostgreSQL\n\n${lines.join('\n')}\n`);
  } finally {
    await app.close();
    await store.db.close();
    if (process.env.BENCH_KEEP_DB !== '1') await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  }
}

main().catch((err: unknown) => {
  log(`bench:monitoring: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
