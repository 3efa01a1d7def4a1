// Registers and manages backend clients on the configured database (DATABASE_URL, or DATA_DIR for the embedded one).
//
//   npm run client -- register --id huisarts-x --name "HIS Praktijk X" --role first-line \
//       --org-system http://fhir.nl/fhir/NamingSystem/agb-z --org-value 01234567 --org-name "Praktijk X" \
//       --scope "system/*.cruds" --jwks praktijk-x.public.jwks.json [--replace]
//   npm run client -- list
//   npm run client -- disable <id>
//   npm run client -- enable <id>
//
// With the embedded database it joins the cluster of a running server on the same DATA_DIR, or starts it while it runs.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
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
  npm run client -- enable <id>`;

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
    return JSON.parse(readFileSync(file, 'utf8'));
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
