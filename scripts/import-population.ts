// Loads population figures per gemeente (CBS StatLine CSV, see examples/monitoring/inwoners-cbs.csv) into a running
// Brug, for the key figures per inhabitant (issue 8).
//
//   npm run import:population -- examples/monitoring/inwoners-cbs.csv [--base http://127.0.0.1:8080/fhir]
//       [--client demo-gemeente] [--key my-client.private.jwk.json] [--token <access token>]
//
// The default client is demo-admin (may load every gemeente); a municipality client may load its own gemeente only.
// The CSV is checked here first, so a bad file is reported row by row without a server; the server checks it again
// and loads all rows or none. Exit code 1 when the server refuses the file, 2 when the file or the options are unusable.
// Development keys only: refused when NODE_ENV=production without --token/--key.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { parsePopulationCsv } from '../src/monitoring/population-csv.ts';
import { commandLineToken } from './backend-token.ts';

class UsageError extends Error {}

const USAGE = 'usage: npm run import:population -- <file.csv> [--base <fhir base url>] [--client <id>] [--key <private jwk>] [--token <token>]';

function accessToken(base: string, clientId: string, keyFile: string | undefined): Promise<string> {
  return commandLineToken(base, clientId, keyFile, (message) => new UsageError(message));
}

async function main(): Promise<number> {
  const text = { type: 'string' } as const;
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { base: text, client: { type: 'string', default: 'demo-admin' }, key: text, token: text } });
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const config = loadConfig();
  const base = (values.base ?? config.baseUrl).replace(/\/+$/, '');
  if (!values.token && !values.key && config.nodeEnv === 'production') throw new UsageError('refused: NODE_ENV=production with a development key; give --token or --key');
  const csv = readFileSync(positionals[0]!, 'utf8');
  const { rows, problems } = parsePopulationCsv(csv);
  if (problems.length > 0) {
    process.stderr.write(`import-population: ${positionals[0]} has ${problems.length} problem(s); nothing sent\n`);
    for (const p of problems) process.stderr.write(`  row ${p.row}\tcolumn ${p.column}\t${p.problem}\n`);
    return 2;
  }
  const token = values.token ?? (await accessToken(base, values.client, values.key));
  const url = new URL('../monitoring/population', `${base}/`).href;
  const res = await fetch(url, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', accept: 'application/fhir+json' }, body: csv });
  const outcome = (await res.json().catch(() => undefined)) as { issue?: { diagnostics?: string }[] } | undefined;
  const lines = (outcome?.issue ?? []).map((i) => i.diagnostics ?? '').filter(Boolean);
  if (!res.ok) {
    process.stderr.write(`import-population: refused (${res.status})\n${lines.map((l) => `  ${l}\n`).join('')}`);
    return 1;
  }
  process.stdout.write(`${lines.join('\n') || `${rows.length} row(s) loaded`}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`import-population: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
