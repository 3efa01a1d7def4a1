// Registers and manages backend clients on the configured database (DATABASE_URL, or DATA_DIR for the embedded one).
//
//   npm run client -- register --id huisarts-x --name "HIS Praktijk X" --role first-line \
//       --org-system http://fhir.nl/fhir/NamingSystem/agb-z --org-value 01234567 --org-name "Praktijk X" \
//       --scope "system/*.cruds" --jwks praktijk-x.public.jwks.json [--replace]
//   npm run client -- list
//   npm run client -- disable <id>
//   npm run client -- enable <id>
//   npm run client -- keygen --id <id> [--out <dir>]      (a key pair for a client of your own: the first admin)
//
// `--jwks -` reads the public JWKS from standard input (for `docker compose exec -T`).
// With the embedded database it joins the cluster of a running server on the same DATA_DIR, or starts it while it runs.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportJWK, generateKeyPair } from 'jose';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { isBrugError } from '../src/errors.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { ROLES } from '../src/security/roles.ts';
import { registerClient, type ClientRegistration } from '../src/security/oauth/register-client.ts';

class UsageError extends Error {}

const USAGE = `usage:
  npm run client -- register --id <id> --name <name> --role <${ROLES.join('|')}>
      [--org-system <uri> --org-value <value> --org-name <name>] --scope "<scopes>" --jwks <public jwks file> [--replace]
  npm run client -- list
  npm run client -- disable <id>
  npm run client -- enable <id>
  npm run client -- keygen --id <id> [--out <dir>]`;

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required\n${USAGE}`);
  return value;
}

function readJwks(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read the JWKS file ${file}: ${(err as Error).message}`);
  }
}

function parseRegistration(args: string[]): { registration: ClientRegistration; replace: boolean } {
  const text = { type: 'string' } as const;
  const { values } = parseArgs({
    args,
    options: { id: text, name: text, role: text, 'org-system': text, 'org-value': text, 'org-name': text, scope: text, jwks: text, replace: { type: 'boolean' } },
  });
  const hasOrg = values['org-system'] !== undefined || values['org-value'] !== undefined || values['org-name'] !== undefined;
  const registration: ClientRegistration = {
    clientId: required(values, 'id'),
    name: required(values, 'name'),
    role: required(values, 'role'),
    ...(hasOrg
      ? { organization: { identifier: { system: required(values, 'org-system'), value: required(values, 'org-value') }, name: required(values, 'org-name') } }
      : {}),
    scopes: required(values, 'scope'),
    jwks: readJwks(required(values, 'jwks')),
  };
  return { registration, replace: values.replace === true };
}

async function register(app: FastifyInstance, { registration, replace }: ReturnType<typeof parseRegistration>): Promise<void> {
  const client = await registerClient({ clients: app.security.clients, engine: app.fhirEngine }, registration, { mode: replace ? 'replace' : 'create' });
  out(`registered ${client.clientId} (${client.role}${client.organization ? `, ${client.organization.reference}` : ''}), scopes: ${client.scopes}`);
  out(`keys: ${client.jwks.keys.map((k) => `${k.kid} (${k.alg})`).join(', ')}`);
}

async function list(app: FastifyInstance): Promise<void> {
  const clients = await app.security.clients.list();
  if (clients.length === 0) out('no clients registered');
  for (const c of clients) {
    out([c.clientId, c.active ? 'active' : 'DISABLED', c.role, c.organization?.reference ?? '-', c.scopes, c.name].join('\t'));
  }
}

async function setActive(app: FastifyInstance, id: string, active: boolean): Promise<void> {
  if (!(await app.security.clients.setActive(id, active))) throw new UsageError(`no client with id ${id}`);
  out(`${id} is ${active ? 'enabled' : 'disabled'}`);
}

/**
 * Writes an ES384 key pair for a client: the private JWK (readable by its owner only) for the client's software or
 * `npm run -s token -- <id> --key`, and the public JWKS that `register --jwks` takes.
 */
async function keygen(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { id: { type: 'string' }, out: { type: 'string', default: '.' } } });
  const id = required(values, 'id');
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) throw new UsageError('--id may hold letters, digits, ".", "_" and "-" only');
  const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
  const kid = `${id}-${new Date().toISOString().slice(0, 10)}`;
  const privateFile = path.join(values.out!, `${id}.private.jwk.json`);
  const publicFile = path.join(values.out!, `${id}.public.jwks.json`);
  writeFileSync(privateFile, `${JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'ES384' }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  writeFileSync(publicFile, `${JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES384', use: 'sig' }] }, null, 2)}\n`, { flag: 'wx' });
  out(`private key: ${privateFile} (keep it secret; it never goes to Brug)`);
  out(`public key set: ${publicFile} (register it: --jwks ${publicFile})`);
}

/** The command's work, with its arguments checked before the database is opened. */
function plan(command: string | undefined, args: string[]): (app: FastifyInstance) => Promise<void> {
  if (command === 'register') {
    const parsed = parseRegistration(args);
    return (app) => register(app, parsed);
  }
  if (command === 'list' && args.length === 0) return list;
  if ((command === 'disable' || command === 'enable') && args.length === 1 && args[0]) {
    const id = args[0];
    return (app) => setActive(app, id, command === 'enable');
  }
  throw new UsageError(USAGE);
}

async function run(command: string | undefined, args: string[]): Promise<void> {
  // A key pair is made without the database: it is the step before registering.
  if (command === 'keygen') return keygen(args);
  const work = plan(command, args);
  // Demo clients are never seeded as a side effect of managing real ones.
  const config = loadConfig({ ...process.env, DEMO_CLIENTS: 'off' });
  const app = await buildApp(config, { logger: false });
  try {
    await app.ready();
    await work(app);
  } finally {
    await app.close();
  }
}

const [command, ...args] = process.argv.slice(2);
run(command, args).catch((err: unknown) => {
  const message = isBrugError(err) || err instanceof UsageError || err instanceof ConfigError || err instanceof TypeError ? err.message : `failed: ${String(err)}`;
  process.stderr.write(`client: ${message}\n`);
  process.exitCode = 1;
});
