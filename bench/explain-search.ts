/**
 * Shows how PostgreSQL runs the benchmark's search: the SQL the server sends for
 * `GET /fhir/Task?owner=Organization/org-07&status=accepted`, with EXPLAIN (ANALYZE, BUFFERS).
 * Run after `BENCH_KEEP_DB=1 npm run bench` (which leaves the seeded database brug_bench and its clients):
 *   node bench/explain-search.ts [database url] [query] [client id: bench-admin, or bench-owner for the access filter]
 */
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openStore, PgRepository, type Database } from '../src/store/index.ts';

const url = process.argv[2] ?? 'postgres://postgres@127.0.0.1:5432/brug_bench';
const query = process.argv[3] ?? '/fhir/Task?owner=Organization/org-07&status=accepted';
const clientId = process.argv[4] ?? 'bench-admin';
const config = loadConfig({ DATABASE_URL: url, PORT: '8099', LOG_LEVEL: 'warn' });
const store = await openStore(config);
const sent: { text: string; params: readonly unknown[] }[] = [];
// The store's own database, recording what it is asked.
const db: Database = {
  kind: store.db.kind,
  deadlines: store.db.deadlines,
  query: (text, params) => {
    sent.push({ text, params: params ?? [] });
    return store.db.query(text, params);
  },
  transaction: (fn) => store.db.transaction(fn),
  ping: () => store.db.ping(),
  poolUse: () => store.db.poolUse(),
  close: () => store.db.close(),
};
const app = await buildApp(config, { store: { db, repository: new PgRepository(db) }, logger: false });
await app.ready();
const registered = await app.security.clients.get(clientId);
if (!registered) throw new Error(`no client ${clientId} in ${url}: run the benchmark with BENCH_KEEP_DB=1 first`);
const { parseScopes } = await import('../src/security/scopes.ts');
const token = await app.security.tokens.issue({ ...registered, scopes: parseScopes(registered.scopes).scopes });
sent.length = 0;
const client = new pg.Client({ connectionString: url });
try {
  const res = await app.inject({ url: query, headers: { accept: 'application/fhir+json', authorization: `Bearer ${token.accessToken}` } });
  console.log(`GET ${query}: HTTP ${res.statusCode}, ${(JSON.parse(res.body) as { entry?: unknown[] }).entry?.length ?? 0} entries`);
  await client.connect();
  // Only the reads: the audit trail's inserts would run again under EXPLAIN ANALYZE.
  for (const { text, params } of sent.filter((q) => /^\s*SELECT/i.test(q.text))) {
    console.log(`\n${text}\n${JSON.stringify(params)}`);
    const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params as unknown[]);
    console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
} finally {
  await client.end().catch(() => undefined);
  await app.close();
  await store.db.close();
}
