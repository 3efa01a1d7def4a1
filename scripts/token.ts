// Prints an access token for a demo client (development only): SMART Backend Services, as a real client would do it.
//
//   npm run -s token -- demo-huisarts
//   npm run -s token -- demo-welzijn --scope "system/Task.rs" --base http://127.0.0.1:8080/fhir
//   npm run -s token -- my-client --key my-client.private.jwk.json      (a private JWK of your own, development only)
//
// It reads the base URL's .well-known/smart-configuration for the token endpoint, signs a client assertion with the
// client's private key, posts it, and prints only the access token (errors go to stderr, exit code 1).
// Default base: BASE_URL, or http://127.0.0.1:${PORT:-8080}/fhir. With NODE_ENV=production only with --key.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { JWK } from 'jose';
import { ConfigError, loadConfig } from '../src/config.ts';
import { demoPrivateKey } from '../src/security/oauth/demo-clients.ts';
import { discoverTokenEndpoint, requestAccessToken } from './backend-token.ts';

class UsageError extends Error {}

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(1);
}

function privateKeyFor(clientId: string, keyFile: string | undefined): JWK {
  if (keyFile) {
    const parsed = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK & { keys?: JWK[] };
    return parsed.keys?.[0] ?? parsed;
  }
  const key = demoPrivateKey(clientId);
  if (!key) throw new UsageError(`${clientId} is not a demo client; give its private key with --key <file>`);
  return key;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { scope: { type: 'string', default: 'system/*.cruds' }, base: { type: 'string' }, key: { type: 'string' }, practitioner: { type: 'string' } },
  });
  const clientId = positionals[0];
  if (!clientId || positionals.length > 1) throw new UsageError('usage: npm run -s token -- <client-id> [--scope "..."] [--base <fhir base url>] [--key <private jwk file>] [--practitioner system|number]');
  const config = loadConfig();
  // The demo keys are in the repository; a key of the operator's own (--key) may sign anywhere.
  if (config.nodeEnv === 'production' && !values.key) throw new UsageError('refused: NODE_ENV=production and no --key (the demo keys are for development only)');
  const tokenUrl = await discoverTokenEndpoint(values.base ?? config.baseUrl);
  const token = await requestAccessToken({ clientId, privateJwk: privateKeyFor(clientId, values.key), tokenUrl, scope: values.scope, practitioner: values.practitioner });
  process.stdout.write(`${token}\n`);
}

main().catch((err: unknown) => {
  if (err instanceof UsageError || err instanceof ConfigError) fail(err.message);
  fail(err instanceof Error ? err.message : String(err));
});
