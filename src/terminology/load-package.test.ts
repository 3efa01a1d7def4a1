import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPackage } from './load-package.ts';

describe('loadPackage', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'brug-package-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives an empty index for a missing or empty folder', () => {
    expect(loadPackage(path.join(dir, 'absent')).index.size).toBe(0);
    expect(loadPackage(dir).index.size).toBe(0);
  });

  it('reads single resources and Bundles, in subfolders too, and ignores other resources', () => {
    mkdirSync(path.join(dir, 'vs'));
    writeFileSync(path.join(dir, 'CodeSystem-a.json'), JSON.stringify({ resourceType: 'CodeSystem', id: 'a', url: 'https://brug.example.org/fhir/CodeSystem/a' }));
    writeFileSync(path.join(dir, 'vs', 'bundle.json'), JSON.stringify({ resourceType: 'Bundle', entry: [{ resource: { resourceType: 'ValueSet', id: 'b', url: 'https://brug.example.org/fhir/ValueSet/b' } }] }));
    writeFileSync(path.join(dir, 'StructureDefinition-x.json'), JSON.stringify({ resourceType: 'StructureDefinition', url: 'x' }));
    writeFileSync(path.join(dir, 'notes.txt'), 'not json');
    const { index, skipped } = loadPackage(dir);
    expect(index.find('CodeSystem', { url: 'https://brug.example.org/fhir/CodeSystem/a' })?.id).toBe('a');
    expect(index.find('ValueSet', { url: 'https://brug.example.org/fhir/ValueSet/b' })?.id).toBe('b');
    expect(index.size).toBe(2);
    expect(skipped).toEqual([]);
  });

  it('skips a file that is not valid JSON and says which', () => {
    writeFileSync(path.join(dir, 'broken.json'), '{"resourceType": "ValueSet",');
    const { index, skipped } = loadPackage(dir);
    expect(index.size).toBe(0);
    expect(skipped.map((s) => path.basename(s.file))).toEqual(['broken.json']);
  });
});
