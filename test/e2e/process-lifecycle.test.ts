import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runScript } from '../support/run-script.ts';

const root = path.resolve(__dirname, '../..');
const START_TIMEOUT_MS = 90_000;

/** An access token from the running server, as a developer gets one: `npm run -s token -- demo-admin`. */
function demoToken(base: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'token', '--', 'demo-admin', '--base', `${base}/fhir`], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`npm run token exited ${code}: ${err}`))));
  });
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function waitForReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become ready');
}

/** What `npm start` does, as a separate process: embedded database on disk, ready, then a clean SIGTERM. */
describe('the service process', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'brug-lifecycle-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts its embedded PostgreSQL in DATA_DIR, serves FHIR to a demo client token, keeps data across restarts and stops cleanly on SIGTERM', async () => {
    const port = String(18000 + Math.floor(Math.random() * 2000));
    const env = { ...process.env, PORT: port, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' };
    const start = () => spawn(process.execPath, ['src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const base = `http://127.0.0.1:${port}`;

    const first = start();
    // A fresh start takes about 5 s on an idle machine (definitions, then initdb); the suite's other workers
    // (servers killed and restarted, a browser) can make it several times that.
    await waitForReady(`${base}/readyz`, first, START_TIMEOUT_MS);
    expect((await fetch(`${base}/fhir/Organization`)).status).toBe(401);
    const authorization = `Bearer ${await demoToken(base, env)}`;
    const created = await fetch(`${base}/fhir/Organization`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', authorization },
      body: JSON.stringify({ resourceType: 'Organization', name: 'Stichting Welzijn Noord' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    first.kill('SIGTERM');
    expect(await waitForExit(first)).toBe(0);

    const second = start();
    let progress = '';
    second.stderr!.on('data', (chunk: Buffer) => (progress += chunk.toString('utf8')));
    await waitForReady(`${base}/readyz`, second, START_TIMEOUT_MS);
    for (let i = 0; i < 50 && !progress.includes('Brug: ready at'); i++) await new Promise((r) => setTimeout(r, 100));
    // While it starts, it says what it is doing, one short line per step; the trimmed definitions of the first start
    // are read from DATA_DIR/cache.
    expect(progress).toMatch(/^Brug: starting its embedded PostgreSQL in .+ \.\.\.$/m);
    expect(progress).toMatch(/^Brug: FHIR R4 definitions and search parameters loaded \(\d+\.\d s\)$/m);
    expect(progress).toMatch(new RegExp(`^Brug: ready at http://127.0.0.1:${port}/fhir \\(\\d+\\.\\d s after the process started, \\d+ MB\\)$`, 'm'));
    expect(readdirSync(path.join(dataDir, 'cache', 'definitions')).some((f) => f.startsWith('profiles-resources-'))).toBe(true);
    // The demo clients and the server's signing key are in DATA_DIR too: the token from before the restart still works.
    const read = await fetch(`${base}/fhir/Organization/${id}`, { headers: { authorization } });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { name: string }).name).toBe('Stichting Welzijn Noord');
    second.kill('SIGTERM');
    expect(await waitForExit(second)).toBe(0);
    // The database went with the service: nothing of it is left running.
    expect(postgresProcessesOf(dataDir)).toEqual([]);
  }, 2 * START_TIMEOUT_MS + 60_000);

  it('survives its database dying, a script sharing the folder, and a kill -9 that leaves the database behind', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brug-crash-'));
    const port = String(20000 + Math.floor(Math.random() * 2000));
    const env = { ...process.env, PORT: port, DATA_DIR: dir, LOG_LEVEL: 'warn', DATABASE_URL: '' };
    const start = () => spawn(process.execPath, ['src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const base = `http://127.0.0.1:${port}`;
    try {
      const first = start();
      await waitForReady(`${base}/readyz`, first, START_TIMEOUT_MS);
      const authorization = `Bearer ${await demoToken(base, env)}`;
      const created = await fetch(`${base}/fhir/Organization`, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json', authorization },
        body: JSON.stringify({ resourceType: 'Organization', name: 'Buurtteam Oost' }),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };

      // The database process dies under the running service: Brug starts it again and answers as before.
      const [postmaster] = postgresProcessesOf(dir);
      expect(postmaster).toBeDefined();
      process.kill(postmaster!, 'SIGKILL');
      // Ready only counts once the new postmaster runs: just after the kill, an old connection may still answer.
      const restartedBy = Date.now() + 30_000;
      while (postgresProcessesOf(dir).filter((pid) => pid !== postmaster).length === 0 && Date.now() < restartedBy) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await waitForReady(`${base}/readyz`, first, 30_000);
      const afterRestart = await fetch(`${base}/fhir/Organization/${id}`, { headers: { authorization } });
      expect(afterRestart.status).toBe(200);

      // A script on the same DATA_DIR joins the running cluster instead of fighting it for the folder.
      const listed = await runScript('scripts/client.ts', ['list'], { DATA_DIR: dir, DATABASE_URL: '' });
      expect(listed.stderr).toBe('');
      expect(listed.stdout).toContain('demo-huisarts');
      expect((await fetch(`${base}/readyz`)).status).toBe(200);

      // kill -9 leaves PostgreSQL running without its owner; the next start stops it and recovers the data.
      first.kill('SIGKILL');
      await waitForExit(first);
      expect(postgresProcessesOf(dir)).toHaveLength(1);
      const second = start();
      await waitForReady(`${base}/readyz`, second, START_TIMEOUT_MS);
      const recovered = await fetch(`${base}/fhir/Organization/${id}`, { headers: { authorization } });
      expect(recovered.status).toBe(200);
      second.kill('SIGTERM');
      expect(await waitForExit(second)).toBe(0);
      expect(postgresProcessesOf(dir)).toEqual([]);
    } finally {
      for (const pid of postgresProcessesOf(dir)) process.kill(pid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 3 * START_TIMEOUT_MS + 60_000);
});

/** The postmaster processes that serve a data folder's cluster (Linux: read from /proc). */
function postgresProcessesOf(dataDir: string): number[] {
  const clusterDir = path.join(dataDir, 'postgres');
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes('-D') && args.includes(clusterDir)) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}
