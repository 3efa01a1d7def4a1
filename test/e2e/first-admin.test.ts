/**
 * The README's first-administrator procedure on PostgreSQL (issue 22), step by step as an operator follows it: a key
 * pair with `npm run client -- keygen`, the public key registered with `npm run client -- register` on the
 * service's database, a token with `npm run -s token -- <id> --key`, and the admin API answering that token. With
 * NODE_ENV=production, where no demo client exists.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '../support/app.ts';
import { runScript } from '../support/run-script.ts';

describe('the first administrator on PostgreSQL, as the README says', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'brug-first-admin-'));
  let database: TestDatabase;
  let t: TestApp | undefined;
  beforeAll(async () => {
    chmodSync(dir, 0o700);
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('keygen, register, token, and the admin API answers', async () => {
    const env = { DATABASE_URL: database.url, NODE_ENV: 'production' };
    const keygen = await runScript('scripts/client.ts', ['keygen', '--id', 'ops-admin', '--out', dir], env);
    expect(keygen).toMatchObject({ code: 0, stderr: '' });
    const privateFile = path.join(dir, 'ops-admin.private.jwk.json');
    const publicFile = path.join(dir, 'ops-admin.public.jwks.json');
    expect(statSync(privateFile).mode & 0o777).toBe(0o600);
    const publicJwks = JSON.parse(readFileSync(publicFile, 'utf8')) as { keys: Record<string, unknown>[] };
    expect(publicJwks.keys).toHaveLength(1);
    expect(publicJwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-384', alg: 'ES384' });
    expect(publicJwks.keys[0]!.d).toBeUndefined();
    // Never over a key pair that is already there.
    expect((await runScript('scripts/client.ts', ['keygen', '--id', 'ops-admin', '--out', dir], env)).code).toBe(1);

    const register = ['register', '--id', 'ops-admin', '--name', 'Beheer', '--role', 'admin', '--scope', 'system/*.cruds', '--jwks', publicFile];
    const registered = await runScript('scripts/client.ts', register, env);
    expect(registered).toMatchObject({ code: 0, stderr: '' });
    expect(registered.stdout).toMatch(/registered ops-admin \(admin\)/);

    t = await startTestApp('postgres', { security: true, listen: true, env: { DATABASE_URL: database.url, NODE_ENV: 'production' } });
    expect((await t.app.security.clients.list()).map((c) => c.clientId)).toEqual(['ops-admin']);
    const token = await runScript('scripts/token.ts', ['ops-admin', '--key', privateFile, '--base', t.baseUrl], env);
    expect(token).toMatchObject({ code: 0, stderr: '' });
    const clients = await fetch(new URL('/admin/clients', t.baseUrl), { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
    expect(clients.status).toBe(200);
    expect(JSON.stringify(await clients.json())).toContain('ops-admin');
    // The demo keys still do not sign in production.
    const demo = await runScript('scripts/token.ts', ['demo-admin', '--base', t.baseUrl], env);
    expect(demo.code).toBe(1);
    expect(demo.stderr).toMatch(/production/);
  }, 120_000);
});
