/**
 * `npm run bench:startup`: how long `npm start` (its command, run directly) takes until `GET /readyz` answers 200, and how much memory the
 * service holds then, on the embedded default and on PostgreSQL. Each store is started on a fresh data directory
 * (a new embedded cluster, or a new database) with an empty compile cache, as a first start is; then again on what
 * that start left behind, `STARTUP_RUNS` times. RSS is the service process's own; the embedded cluster's
 * processes are listed apart, and the service's CPU time until ready is given too: on a shared machine the wall
 * clock measures the neighbours as much as the start.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceArgs } from './child.ts';
import { processCpuMs } from './cpu.ts';
import { percentile } from './measure.ts';
import { scratchDatabaseUrl, setting, whole, withAdmin } from './settings.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = whole('BENCH_PORT', 8099);
const runs = whole('STARTUP_RUNS', 3);
const stores = setting('STARTUP_STORES', 'embedded,postgres').split(',').map((s) => s.trim());
const { name: databaseName, url: databaseUrl } = scratchDatabaseUrl('BENCH_DB', 'brug_bench_startup');

interface Start {
  readyMs: number;
  /** CPU time the service process used until ready: steadier than the wall clock on a shared machine. */
  cpuMs: number;
  rssMb: number;
  clusterRssMb?: number;
}

function log(message: string): void {
  console.error(`[startup ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** The RSS of the processes whose parent is `pid` (the embedded postmaster) and their children. */
async function descendantsRssMb(pid: number): Promise<number> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(Number(entry), ppid);
  }
  const within = (p: number): boolean => {
    for (let at = parents.get(p); at !== undefined && at > 1; at = parents.get(at)) if (at === pid) return true;
    return false;
  };
  let total = 0;
  for (const p of parents.keys()) if (within(p)) total += await rssMb(p).catch(() => 0);
  return total;
}

async function startOnce(env: Record<string, string>, embedded: boolean): Promise<Start> {
  const started = performance.now();
  const child = spawn(process.execPath, serviceArgs(root), { cwd: root, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${output.slice(-500)}`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        async (res) => (await res.arrayBuffer(), res.ok),
        () => false,
      );
      if (ok) break;
      if (performance.now() - started > 120_000) throw new Error(`not ready within 120 s: ${output.slice(-500)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const readyMs = performance.now() - started;
    return { readyMs, cpuMs: processCpuMs(child.pid!) ?? Number.NaN, rssMb: await rssMb(child.pid!), clusterRssMb: embedded ? await descendantsRssMb(child.pid!) : undefined };
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
}

interface Row {
  label: string;
  starts: Start[];
}

async function measureStore(store: string): Promise<Row[]> {
  const compileCache = await mkdtemp(path.join(os.tmpdir(), 'brug-startup-cache-'));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'brug-startup-data-'));
  const embedded = store === 'embedded';
  try {
    if (!embedded) {
      await withAdmin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${databaseName}`);
        await c.query(`CREATE DATABASE ${databaseName}`);
      });
    }
    const env = { NODE_COMPILE_CACHE: compileCache, DATA_DIR: dataDir, DATABASE_URL: embedded ? '' : databaseUrl };
    log(`${store}: first start`);
    const fresh = await startOnce(env, embedded);
    const again: Start[] = [];
    for (let i = 0; i < runs; i++) {
      log(`${store}: start ${i + 2}`);
      again.push(await startOnce(env, embedded));
    }
    return [
      { label: `${store}, fresh ${embedded ? 'data directory' : 'database'}, empty compile cache`, starts: [fresh] },
      { label: `${store}, existing ${embedded ? 'data directory' : 'database'}`, starts: again },
    ];
  } finally {
    await rm(compileCache, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
    if (!embedded) await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${databaseName}`));
  }
}

function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

const rows: Row[] = [];
for (const store of stores) rows.push(...(await measureStore(store)));
const lines = [
  `Start-up, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
  '',
  '| start | runs | ready ms (median) | ready ms (max) | service CPU ms (median) | service RSS MB (max) | embedded cluster RSS MB | target | |',
  '|---|--:|--:|--:|--:|--:|--:|---|---|',
];
for (const row of rows) {
  const ready = row.starts.map((s) => s.readyMs);
  const rss = Math.max(...row.starts.map((s) => s.rssMb));
  const cluster = row.starts[0]!.clusterRssMb;
  const goalMs = row.label.includes('fresh') ? 5000 : 2000;
  const met = median(ready) < goalMs && rss < 200;
  lines.push(
    `| ${row.label} | ${row.starts.length} | ${median(ready).toFixed(0)} | ${Math.max(...ready).toFixed(0)} | ${median(row.starts.map((s) => s.cpuMs)).toFixed(0)} | ${rss.toFixed(0)} | ${cluster === undefined ? '–' : cluster.toFixed(0)} | < ${goalMs} ms, < 200 MB | ${met ? 'met' : 'MISSED'} |`,
  );
}
console.log(lines.join('\n'));
