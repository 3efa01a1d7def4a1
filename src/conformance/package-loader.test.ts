import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadProfilePackage } from './package-loader.ts';

describe('loadProfilePackage (NPM FHIR package layout)', () => {
  it('loads the StructureDefinitions of the Brug package', () => {
    const loaded = loadProfilePackage('profiles/package');
    expect(loaded.name).toBe('brug.sociaalverwijzen.r4');
    expect(loaded.problems).toEqual([]);
    const urls = loaded.structureDefinitions.map((sd) => sd.url);
    expect(urls).toEqual(expect.arrayContaining(['https://brug.example.org/fhir/StructureDefinition/brug-verwijzing', 'https://brug.example.org/fhir/StructureDefinition/brug-patient']));
  });

  it('treats a missing folder as an empty package', () => {
    expect(loadProfilePackage(path.join(os.tmpdir(), 'no-such-package-folder'))).toEqual({ structureDefinitions: [], problems: [] });
  });

  it('skips what it cannot use and says why: bad JSON, a listed file that is missing, no snapshot', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'brug-package-'));
    writeFileSync(path.join(dir, '.index.json'), JSON.stringify({ files: ['a.json', 'b.json', 'c.json', 'd.json'].map((filename) => ({ filename, resourceType: 'StructureDefinition' })) }));
    writeFileSync(path.join(dir, 'a.json'), '{ not json');
    writeFileSync(path.join(dir, 'c.json'), JSON.stringify({ resourceType: 'StructureDefinition', url: 'http://x/c' }));
    writeFileSync(path.join(dir, 'd.json'), JSON.stringify({ resourceType: 'StructureDefinition', url: 'http://x/d', snapshot: { element: [{ id: 'Patient', path: 'Patient' }] } }));
    const loaded = loadProfilePackage(dir);
    expect(loaded.structureDefinitions.map((sd) => sd.url)).toEqual(['http://x/d']);
    expect(loaded.problems).toEqual([expect.stringMatching(/^a.json: /), 'b.json: listed in .index.json but missing', 'c.json: no snapshot, so it cannot be validated against']);
  });
});
