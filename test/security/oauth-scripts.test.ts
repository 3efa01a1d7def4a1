import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runScript, type ScriptResult } from '../support/run-script.ts';
import { decodeJwt } from 'jose';
import { startTestApp, type TestApp } from '../support/app.ts';
import { assertionFor, requestToken, strangerKey } from './oauth-requests.ts';


function run(script: string, args: string[], env: Record<string, string>): Promise<ScriptResult> {
  return runScript(script, args, env);
}

describe('npm run client (CLI) on the embedded database', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'brug-client-cli-'));
  const dataDir = path.join(dir, 'data');
  // Run as root, the embedded cluster belongs to the user postgres, who must pass through the test's folder.
  chmodSync(dir, 0o755);
  const env = { DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'development' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('registers, lists, disables and enables a client, which then gets a token from an app on that data', async () => {
    const key = await strangerKey('RS384', 'praktijk-cli-1');
    const jwksFile = path.join(dir, 'public.jwks.json');
    writeFileSync(jwksFile, JSON.stringify({ keys: [key.publicJwk] }));
    const register = [
      'register', '--id', 'praktijk-cli', '--name', 'HIS Praktijk CLI', '--role', 'first-line',
      '--org-system', 'http://fhir.nl/fhir/NamingSystem/agb-z', '--org-value', '01555501', '--org-name', 'Praktijk CLI',
      '--scope', 'system/*.cruds', '--jwks', jwksFile,
    ];
    const registered = await run('scripts/client.ts', register, env);
    expect(registered).toMatchObject({ code: 0, stderr: '' });
    expect(registered.stdout).toMatch(/registered praktijk-cli \(first-line, Organization\/[\w-]+\)/);

    const again = await run('scripts/client.ts', register, env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already registered/);

    expect(await run('scripts/client.ts', ['register', '--id', 'x'], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/--name is required/) });
    expect(await run('scripts/client.ts', ['explode'], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/usage/) });
    expect(await run('scripts/client.ts', ['disable'], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/usage/) });

    expect(await run('scripts/client.ts', ['disable', 'praktijk-cli'], env)).toMatchObject({ code: 0, stdout: 'praktijk-cli is disabled\n' });
    expect((await run('scripts/client.ts', ['list'], env)).stdout).toMatch(/^praktijk-cli\tDISABLED\tfirst-line/m);
    expect(await run('scripts/client.ts', ['enable', 'praktijk-cli'], env)).toMatchObject({ code: 0, stdout: 'praktijk-cli is enabled\n' });

    const t = await startTestApp('embedded', { security: true, env: { DATA_DIR: dataDir } });
    try {
      // Managing clients never seeds the demo ones, so the server did not either (it found a client).
      expect((await t.app.security.clients.list()).map((c) => [c.clientId, c.active])).toEqual([['praktijk-cli', true]]);
      const res = await requestToken(t.app, await assertionFor(t.app, 'praktijk-cli', { key: key.privateJwk }));
      expect(res.statusCode).toBe(200);
      expect(decodeJwt(res.json().access_token).brug_organization).toMatch(/^Organization\//);
    } finally {
      await t.close();
    }
  }, 120_000);
});

describe('npm run token against a listening server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('embedded', { security: true, listen: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('prints only an access token, which the server accepts', async () => {
    const result = await run('scripts/token.ts', ['demo-welzijn', '--base', t.baseUrl, '--scope', 'system/Organization.rs'], {});
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const token = result.stdout.trim();
    expect(result.stdout).toBe(`${token}\n`);
    expect(decodeJwt(token)).toMatchObject({ sub: 'demo-welzijn', scope: 'system/Organization.rs' });
    const res = await fetch(`${t.baseUrl}/Organization`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  }, 60_000);

  it('finds the server from BASE_URL when no --base is given', async () => {
    const result = await run('scripts/token.ts', ['demo-admin'], { BASE_URL: t.baseUrl });
    expect(result.code).toBe(0);
    expect(decodeJwt(result.stdout.trim()).sub).toBe('demo-admin');
  }, 60_000);

  it('fails with a message on stderr for an unknown client, a refused token, an unreachable server and in production', async () => {
    const unknown = await run('scripts/token.ts', ['nobody', '--base', t.baseUrl], {});
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toMatch(/nobody is not a demo client/);
    const refused = await run('scripts/token.ts', ['demo-gemeente', '--base', t.baseUrl, '--scope', 'system/Patient.c'], {});
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(/invalid_scope/);
    const down = await run('scripts/token.ts', ['demo-admin', '--base', 'http://127.0.0.1:9/fhir'], {});
    expect(down).toMatchObject({ code: 1, stdout: '' });
    expect(down.stderr).toMatch(/cannot reach/);
    const production = await run('scripts/token.ts', ['demo-admin', '--base', t.baseUrl], { NODE_ENV: 'production' });
    expect(production).toMatchObject({ code: 1, stdout: '' });
    expect(production.stderr).toMatch(/production/);
  }, 60_000);
});
