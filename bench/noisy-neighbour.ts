/**
 * `npm run bench:noisy`: does one misbehaving client slow or silence the others (issue 15)?
 *
 * For each store (the embedded default, in a fresh DATA_DIR, and PostgreSQL, in a scratch database) the real server
 * runs as a child process with a few hundred referrals placed by the demo practice. A well-behaved client (the demo
 * welfare organisation) reads its referrals at a fixed pace, first alone (baseline), then while a heavy client sends
 * the heaviest requests the limits allow over several connections (under load). Then the heavy client stops and the
 * recovery is timed. Markdown to stdout, progress to stderr; settings and targets: bench/README.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FhirClient, seedDemoClientsInto, WELFARE_ORG } from '../test/support/referral-load.ts';
import { ServerProcess } from '../test/support/server-process.ts';
import { startHeavyClient } from './noisy-heavy-client.ts';
import { heavyRequests } from './noisy-heavy-requests.ts';
import { loadLimits } from './noisy-limits.ts';
import { runNormalClient, succeeded, timedGet, type NormalTarget } from './noisy-normal-client.ts';
import { measureRecovery } from './noisy-recovery.ts';
import { report, targetRows, type StoreRun } from './noisy-report.ts';
import { placeReferrals } from './place-referrals.ts';
import { scratchDatabaseUrl, setting, whole, withAdmin } from './settings.ts';

const STORES = ['embedded', 'postgres'] as const;
type Store = (typeof STORES)[number];

const seconds = whole('NOISY_SECONDS', 20);
const rate = whole('NOISY_RATE', 20);
const heavyConnections = whole('NOISY_HEAVY_CONNECTIONS', 4);
// A smoke run (under 10 s a phase) places fewer referrals and warms up shorter, to finish in about a minute.
const smoke = seconds < 10;
const referralCount = whole('NOISY_REFERRALS', smoke ? 50 : 200);
const warmupSeconds = whole('NOISY_WARMUP', smoke ? 1 : 2);
// Long enough to see a slow recovery, short enough that a smoke run stays short.
const recoveryLimitMs = whole('NOISY_RECOVERY_LIMIT', Math.max(10, 3 * seconds)) * 1000;
const port = whole('NOISY_PORT', 8095);
const strict = setting('NOISY_STRICT', '0') === '1';
const stores = setting('NOISY_STORES', STORES.join(',')).split(',').map((s) => s.trim()) as Store[];
if (stores.some((s) => !STORES.includes(s))) throw new Error(`NOISY_STORES is a comma-separated list of ${STORES.join(', ')}`);
const database = scratchDatabaseUrl('NOISY_DB', 'brug_bench_noisy');
const limits = loadLimits();

function log(message: string): void {
  console.error(`[bench:noisy ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

const loadAverage = (): string => os.loadavg().map((l) => l.toFixed(1)).join(' ');

/** The server for one store, and how to clean up after it. */
async function prepare(store: Store): Promise<{ server: ServerProcess; cleanUp: () => Promise<void> }> {
  // Tokens live an hour, so a long phase never meets an expired one; the rate limit would hide the heavy client.
  const env: Record<string, string> = { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ACCESS_TOKEN_TTL_SECONDS: '3600' };
  if (store === 'embedded') {
    // The server seeds the demo clients itself on a new embedded store.
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'brug-bench-noisy-'));
    return { server: new ServerProcess({ env: { ...env, DATABASE_URL: '', DATA_DIR: dataDir }, port }), cleanUp: () => rm(dataDir, { recursive: true, force: true }) };
  }
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${database.name}`);
    await c.query(`CREATE DATABASE ${database.name}`);
  });
  await seedDemoClientsInto(database.url, port);
  return {
    server: new ServerProcess({ env: { ...env, DATABASE_URL: database.url }, port }),
    cleanUp: async () => {
      // Backends of a killed server may still be running an aborted heavy query.
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`));
    },
  };
}

/** A first request of each kind must succeed alone, or the benchmark would measure its own mistake. */
async function checkTarget(target: NormalTarget): Promise<void> {
  const probes = [
    { kind: 'GET Patient', path: `Patient/${target.patientIds[0]}` },
    { kind: 'GET Task', path: `Task/${target.taskIds[0]}` },
    { kind: 'worklist', path: `Task?owner=Organization/${target.owner}&status=requested&_count=20` },
  ];
  for (const probe of probes) {
    const outcome = await timedGet(target, probe.kind, probe.path);
    if (!succeeded(outcome)) throw new Error(`the normal client's ${probe.kind} fails on its own: ${outcome.status}`);
  }
}

async function runStore(store: Store): Promise<StoreRun> {
  const run: StoreRun = { store, phases: [] };
  const { server, cleanUp } = await prepare(store);
  try {
    log(`${store}: starting the server on port ${port}`);
    await server.start();
    log(`${store}: placing ${referralCount} referrals as demo-huisarts`);
    const placed = await placeReferrals(new FhirClient(server.base, 'demo-huisarts'), Array.from({ length: referralCount }, () => WELFARE_ORG));
    const target: NormalTarget = {
      base: server.base,
      token: await new FhirClient(server.base, 'demo-welzijn').accessToken(),
      owner: WELFARE_ORG,
      patientIds: placed.map((r) => r.patient),
      taskIds: placed.map((r) => r.task),
    };
    await checkTarget(target);
    const heavyToken = await new FhirClient(server.base, 'demo-admin').accessToken();
    const requests = heavyRequests(limits, WELFARE_ORG);

    log(`${store}: warm-up, ${warmupSeconds} s`);
    await runNormalClient(target, rate, warmupSeconds);
    log(`${store}: baseline, ${rate} requests/s for ${seconds} s`);
    run.phases.push({ name: 'baseline', outcomes: await runNormalClient(target, rate, seconds) });

    log(`${store}: under load, with ${heavyConnections} heavy connections`);
    const heavy = startHeavyClient(server.base, heavyToken, requests, heavyConnections);
    const outcomes = await runNormalClient(target, rate, seconds);
    log(`${store}: heavy client stopped; timing the recovery (at most ${recoveryLimitMs / 1000} s)`);
    const stopped = heavy.stop();
    const recovery = measureRecovery(target, recoveryLimitMs);
    run.phases.push({ name: 'under load', outcomes, heavy: await stopped });
    run.recovery = await recovery;
  } catch (err) {
    run.failure = err instanceof Error ? err.message : String(err);
    log(`${store}: stopped: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  } finally {
    // Its data is thrown away: a clean stop would only wait for the aborted heavy requests to finish.
    await server.kill();
    await cleanUp().catch((err: unknown) => log(`${store}: could not clean up: ${String(err)}`));
  }
  return run;
}

const started = performance.now();
const loadAtStart = loadAverage();
log(`stores ${stores.join(', ')}; ${seconds} s per phase, ${rate} requests/s, ${heavyConnections} heavy connections; limits ${JSON.stringify(limits)}`);
const runs: StoreRun[] = [];
for (const store of stores) runs.push(await runStore(store));

const heading =
  `Noisy neighbour, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, ${os.cpus().length} cores; ` +
  `${seconds} s per phase, normal client ${rate} requests/s, heavy client ${heavyConnections} connections; ` +
  `bundle ${limits.bundleEntries} entries, body ${limits.bodyBytes} bytes, ${limits.contained} contained, chain ${limits.chainDepth}, ` +
  `${limits.includes} includes, ${limits.sortKeys} sort keys, _count ${limits.pageSize}, ${limits.parameterRepeats} repeats; ` +
  `load average at start ${loadAtStart}, at end ${loadAverage()}`;
console.log(report(runs, heading));

// A run that could not measure (a store failed, or the normal client failed with nothing else running) is broken;
// missed targets fail the run only when asked (NOISY_STRICT=1), since they are what is being measured.
const broken = runs.filter((r) => r.failure || !r.phases[0] || r.phases[0].outcomes.length === 0 || !r.phases[0].outcomes.every(succeeded));
if (broken.length > 0) {
  log(`broken run: ${broken.map((r) => r.store).join(', ')}`);
  process.exitCode = 1;
} else if (strict && runs.some((r) => targetRows(r).some(([, , result]) => result !== 'PASS'))) {
  log('a target was missed (NOISY_STRICT=1)');
  process.exitCode = 1;
}
log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
