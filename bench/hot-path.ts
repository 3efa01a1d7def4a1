/**
 * `npm run bench:hot-path`: where a create and a read by id spend the server's CPU. One server on a scratch
 * PostgreSQL database runs under `node --cpu-prof`; the benchmark loads it with Task creates, then with reads of
 * those Tasks, and reads the profile over each load's window only (start-up and warm-up left out). Prints, per
 * load, the throughput, the server's busy CPU per operation, and the top functions and areas by their own time.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { FhirClient } from '../test/support/referral-load.ts';
import { benchTokens } from './bench-tokens.ts';
import { serviceArgs, startChild } from './child.ts';
import { httpLoad, type Figures, type HttpLoad } from './measure.ts';
import { placeReferrals } from './place-referrals.ts';
import { monotonicMicros, summariseWindow, type ProfileItem } from './profile-window.ts';
import { makeTask, ownerId, OWNERS } from './seed-tasks.ts';
import { scratchDatabaseUrl, setting, whole, withAdmin } from './settings.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = whole('BENCH_SECONDS', 5);
const warmupSeconds = Number(setting('BENCH_WARMUP', '1'));
const connections = whole('BENCH_CONNECTIONS', 10);
const port = whole('BENCH_PORT', 8099);
const top = whole('BENCH_PROFILE_TOP', 12);
const { name: databaseName, url: databaseUrl } = scratchDatabaseUrl('BENCH_DB', 'brug_bench_hot_path');
const base = `http://127.0.0.1:${port}/fhir`;

function log(message: string): void {
  console.error(`[hot-path ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

interface Window {
  figures: Figures;
  from: number;
  to: number;
}

async function windowed(load: HttpLoad): Promise<Window> {
  if (warmupSeconds > 0) await httpLoad({ ...load, seconds: warmupSeconds });
  const from = monotonicMicros();
  const figures = await httpLoad(load);
  const to = monotonicMicros();
  log(`${figures.name}: ${figures.opsPerSecond.toFixed(0)}/s, ${figures.failed} failed`);
  return { figures, from, to };
}

function table(title: string, items: ProfileItem[], ops: number): string[] {
  return [
    '',
    `| ${title} | own ms | share | µs per op |`,
    '|---|--:|--:|--:|',
    ...items.map((i) => `| \`${i.name}\` | ${i.selfMs.toFixed(0)} | ${(i.share * 100).toFixed(1)} % | ${((i.selfMs * 1000) / ops).toFixed(0)} |`),
  ];
}

await withAdmin(async (c) => {
  await c.query(`DROP DATABASE IF EXISTS ${databaseName}`);
  await c.query(`CREATE DATABASE ${databaseName}`);
});
const profileDir = await mkdtemp(path.join(os.tmpdir(), 'brug-hot-path-'));
const env = { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' };
const failures: string[] = [];
try {
  const tokens = await benchTokens(loadConfig(env), ownerId(0));
  const headers = { accept: 'application/fhir+json', authorization: `Bearer ${tokens.admin}` };
  const server = await startChild(['--cpu-prof', `--cpu-prof-dir=${profileDir}`, ...serviceArgs(root)], env, `http://127.0.0.1:${port}/readyz`, root);
  const windows: Window[] = [];
  try {
    const referrals = await placeReferrals(new FhirClient(base, 'bench-admin', tokens.admin), Array.from({ length: OWNERS }, (_, i) => ownerId(i)));
    let n = 0;
    windows.push(
      await windowed({
        name: 'POST /fhir/Task',
        url: base,
        connections,
        seconds,
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/fhir+json' },
        next: () => ({ path: '/fhir/Task', body: JSON.stringify(makeTask(n, referrals[n++ % referrals.length])) }),
      }),
    );
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    const ids = (await pool.query<{ id: string }>(`SELECT id FROM resources WHERE resource_type = 'Task' LIMIT 2000`)).rows.map((r) => r.id);
    await pool.end();
    windows.push(
      await windowed({
        name: 'GET /fhir/Task/{id}',
        url: base,
        connections,
        seconds,
        headers,
        next: () => ({ path: `/fhir/Task/${ids[Math.floor(Math.random() * ids.length)]}` }),
      }),
    );
  } finally {
    await server.stop();
  }
  const file = (await readdir(profileDir)).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('the server wrote no CPU profile');
  const lines = [`Hot path, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${seconds} s per load, ${connections} connections, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`];
  for (const w of windows) {
    if (w.figures.ok === 0 || w.figures.failed > 0) failures.push(`${w.figures.name}: ${w.figures.failed} failed ${w.figures.note ?? ''}`);
    const summary = summariseWindow(path.join(profileDir, file), w.from, w.to, top);
    const ops = Math.max(1, w.figures.ok);
    lines.push('', `### ${w.figures.name}: ${w.figures.opsPerSecond.toFixed(0)}/s, server busy ${((summary.busyMs * 1000) / ops).toFixed(0)} µs per op`);
    lines.push(...table('area', summary.areas, ops), ...table('function (own time)', summary.functions, ops), ...table('function (with callees)', summary.inclusive, ops));
  }
  console.log(lines.join('\n'));
} finally {
  await rm(profileDir, { recursive: true, force: true });
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${databaseName}`));
}
if (failures.length > 0) {
  log(`not every request succeeded: ${failures.join('; ')}`);
  process.exitCode = 1;
}
