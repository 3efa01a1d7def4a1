// Imports a sociale kaart (offers in the sociale basis) from CSV into a running Brug, as transaction Bundles.
//
//   npm run import:sociale-kaart -- examples/sociale-kaart/aanbod.csv [--base http://127.0.0.1:8080/fhir]
//       [--client demo-admin] [--key my-client.private.jwk.json] [--token <access token>] [--providers create|existing]
//       [--system <identifier system of aanbod_id>] [--batch 25] [--dry-run]
//
// Each row becomes a HealthcareService (brug-healthcareservice), its Location and, unless --providers existing,
// its provider Organization (brug-organization, conditional create on the KvK number). Location and HealthcareService
// are conditional updates on the row's aanbod_id, so importing the same file again updates instead of duplicating.
// The default client is demo-admin (may write every offer). A social-domain client (e.g. demo-welzijn) may write only
// the offers its own organisation provides and no Organizations: use --providers existing with it.
// Prints progress, then every rejected row (row, column, reason) on stderr; exit code 1 when any row was rejected,
// 2 when the file or the options are unusable. Development keys only: refused when NODE_ENV=production without --token/--key.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { commandLineToken } from './backend-token.ts';
import { importOffers, type ImportReport } from './sociale-kaart/import-offers.ts';
import { DEFAULT_OFFER_SYSTEM } from './sociale-kaart/offer-resources.ts';
import type { KnownCodes } from './sociale-kaart/offer-row.ts';

class UsageError extends Error {}

const USAGE = 'usage: npm run import:sociale-kaart -- <file.csv> [--base <fhir base url>] [--client <id>] [--key <private jwk>] [--token <token>] [--providers create|existing] [--system <uri>] [--batch <n>] [--dry-run]';

function codesOf(packageDir: string, id: string): Set<string> {
  const cs = JSON.parse(readFileSync(path.join(packageDir, `CodeSystem-${id}.json`), 'utf8')) as { concept?: { code: string }[] };
  return new Set((cs.concept ?? []).map((c) => c.code));
}

function accessToken(base: string, clientId: string, keyFile: string | undefined): Promise<string> {
  return commandLineToken(base, clientId, keyFile, (message) => new UsageError(message));
}

function printReport(report: ImportReport, dryRun: boolean): void {
  for (const problem of report.fatal ?? []) process.stderr.write(`import-sociale-kaart: ${problem}\n`);
  if (!dryRun) process.stdout.write(`${report.imported} of ${report.total} rows imported, ${new Set(report.rejected.map((r) => r.row)).size} rejected\n`);
  if (report.rejected.length > 0) process.stderr.write('rejected rows:\n');
  for (const r of report.rejected) process.stderr.write(`  row ${r.row}\tcolumn ${r.column}\t${r.reason}\n`);
}

async function main(): Promise<number> {
  const text = { type: 'string' } as const;
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { base: text, client: { type: 'string', default: 'demo-admin' }, key: text, token: text, providers: { type: 'string', default: 'create' }, system: text, batch: { type: 'string', default: '25' }, 'dry-run': { type: 'boolean' } },
  });
  if (positionals.length !== 1) throw new UsageError(USAGE);
  if (values.providers !== 'create' && values.providers !== 'existing') throw new UsageError(`--providers is create or existing\n${USAGE}`);
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 500) throw new UsageError('--batch is a whole number from 1 to 500');
  const config = loadConfig();
  const base = (values.base ?? config.baseUrl).replace(/\/+$/, '');
  const dryRun = values['dry-run'] === true;
  if (!dryRun && !values.token && !values.key && config.nodeEnv === 'production') throw new UsageError('refused: NODE_ENV=production with a development key; give --token or --key');
  const csv = readFileSync(positionals[0]!, 'utf8');
  const known: KnownCodes = { kinds: codesOf(config.profilesDir, 'brug-aanbod-soort'), lifeDomains: codesOf(config.profilesDir, 'brug-levensgebied') };
  const token = dryRun ? '' : (values.token ?? (await accessToken(base, values.client, values.key)));
  const report = await importOffers(csv, {
    known, batchSize, dryRun, providers: values.providers, offerSystem: values.system ?? DEFAULT_OFFER_SYSTEM,
    progress: (line) => process.stdout.write(`${line}\n`),
    send: async (bundle) => {
      const res = await fetch(base, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json', accept: 'application/fhir+json' }, body: JSON.stringify(bundle) });
      return { status: res.status, body: await res.json().catch(() => undefined) };
    },
  });
  if (dryRun) process.stdout.write(`dry run, nothing sent: ${report.passed} of ${report.total} rows pass the CSV checks (the server validates the rest)\n`);
  printReport(report, dryRun);
  return report.fatal ? 2 : report.rejected.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`import-sociale-kaart: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
