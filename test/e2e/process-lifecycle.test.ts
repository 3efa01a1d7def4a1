import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

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

  it('starts on PGlite in DATA_DIR, serves FHIR to a demo client token, keeps data across restarts and stops cleanly on SIGTERM', async () => {
    const port = String(18000 + Math.floor(Math.random() * 2000));
    const env = { ...process.env, PORT: port, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' };
    const start = () => spawn(process.execPath, ['src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const base = `http://127.0.0.1:${port}`;

    const first = start();
    // A fresh PGlite start takes about 10 s on an idle machine; the suite's other workers (servers killed and
    // restarted, a browser) can make it several times that.
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
    await waitForReady(`${base}/readyz`, second, START_TIMEOUT_MS);
    // The demo clients and the server's signing key are in DATA_DIR too: the token from before the restart still works.
    const read = await fetch(`${base}/fhir/Organization/${id}`, { headers: { authorization } });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { name: string }).name).toBe('Stichting Welzijn Noord');
    second.kill('SIGTERM');
    expect(await waitForExit(second)).toBe(0);
  }, 2 * START_TIMEOUT_MS + 60_000);
});
