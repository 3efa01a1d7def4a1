// SLOW (about 15-40 s): the checked-in profiles/package/ equals a fresh build from profiles/fsh, and the .tgz holds
// the same files under package/. Rebuild with `npm run build:profiles` when this fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readTgz } from '../../scripts/profiles/tar.ts';
import { PACKAGE_DIR, ROOT } from './brug-package.ts';
import { loadConfig } from '../../src/config.ts';
import { createTestDatabase } from '../support/app.ts';
import { freeLoopbackPort, ServerProcess } from '../support/server-process.ts';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('SLOW: the FHIR package build', () => {
  let outDir: string;

  beforeAll(() => {
    outDir = mkdtempSync(path.join(tmpdir(), 'brug-profiles-'));
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-profiles.ts'), '--out', outDir], { cwd: ROOT, stdio: 'pipe' });
  }, 180_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('reproduces the checked-in profiles/package/ byte for byte', () => {
    const fresh = path.join(outDir, 'package');
    expect(listFiles(fresh)).toEqual(listFiles(PACKAGE_DIR));
    for (const file of listFiles(PACKAGE_DIR)) {
      expect([file, readFileSync(path.join(fresh, file), 'utf8')]).toEqual([file, readFileSync(path.join(PACKAGE_DIR, file), 'utf8')]);
    }
  });

  it('writes a .tgz with the package files under package/, as IG tools expect', () => {
    const entries = readTgz(readFileSync(path.join(outDir, 'brug.sociaalverwijzen.r4-0.1.0.tgz')));
    expect(entries.map((e) => e.name).sort()).toEqual(listFiles(PACKAGE_DIR).map((f) => `package/${f}`));
    const manifest = entries.find((e) => e.name === 'package/package.json');
    expect(JSON.parse(manifest?.content.toString('utf8') ?? '{}')).toMatchObject({ name: 'brug.sociaalverwijzen.r4', fhirVersions: ['4.0.1'] });
  });
});

describe('SLOW: the package under a region\'s own canonical', () => {
  let outDir: string;
  beforeAll(() => {
    outDir = mkdtempSync(path.join(tmpdir(), 'brug-profiles-canonical-'));
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-profiles.ts'), '--canonical', 'https://verwijzen.regio.example/fhir/', '--out', outDir], { cwd: ROOT, stdio: 'pipe' });
  }, 180_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('moves every url, reference and the ImplementationGuide to that base, and leaves none of the placeholder', () => {
    const dir = path.join(outDir, 'package');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { canonical: string };
    expect(manifest.canonical).toBe('https://verwijzen.regio.example/fhir');
    for (const file of listFiles(dir)) expect([file, readFileSync(path.join(dir, file), 'utf8').includes('brug.example.org')]).toEqual([file, false]);
    const guide = JSON.parse(readFileSync(path.join(dir, 'ImplementationGuide-brug-sociaalverwijzen.json'), 'utf8')) as { url: string; packageId: string };
    expect(guide).toMatchObject({ url: 'https://verwijzen.regio.example/fhir/ImplementationGuide/brug-sociaalverwijzen', packageId: 'brug.sociaalverwijzen.r4' });
  });

  it('is served by a server started with that CANONICAL_BASE, and refused by one without it', async () => {
    const database = await createTestDatabase();
    const server = new ServerProcess({ port: await freeLoopbackPort(), env: { DATABASE_URL: database.url, CANONICAL_BASE: 'https://verwijzen.regio.example/fhir', PROFILES_DIR: path.join(outDir, 'package'), LOG_LEVEL: 'warn' } });
    try {
      await server.start();
      const statement = (await (await fetch(`${server.base}/metadata`)).json()) as { rest: { resource: { type: string; supportedProfile?: string[] }[] }[] };
      const task = statement.rest[0]!.resource.find((r) => r.type === 'Task');
      expect(task?.supportedProfile).toContain('https://verwijzen.regio.example/fhir/StructureDefinition/brug-verwijzingtaak');
    } finally {
      await server.stop();
      await database.drop();
    }
    expect(() => loadConfig({ PROFILES_DIR: path.join(outDir, 'package') })).toThrow(/built for https:\/\/verwijzen\.regio\.example\/fhir, but CANONICAL_BASE is https:\/\/brug\.example\.org\/fhir/);
    expect(() => loadConfig({ CANONICAL_BASE: 'https://verwijzen.regio.example/fhir' })).toThrow(/--canonical https:\/\/verwijzen\.regio\.example\/fhir/);
    expect(() => loadConfig({ CANONICAL_BASE: 'not a url' })).toThrow(/CANONICAL_BASE must be an http\(s\) URL/);
  }, 120_000);

  it('refuses a canonical that is not an http(s) URL, and one without --out', () => {
    const run = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-profiles.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
    const bad = run(['--canonical', 'ftp://x.example', '--out', outDir]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--canonical must be an http\(s\) URL/);
    const noOut = run(['--canonical', 'https://x.example/fhir']);
    expect(noOut.status).toBe(1);
    expect(noOut.stderr).toMatch(/--canonical needs --out/);
  });
});
