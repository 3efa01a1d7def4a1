// The checked-in FHIR package (profiles/package/) is a well-formed NPM-format FHIR package.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ElementDefinition, StructureDefinition } from '@medplum/fhirtypes';
import {
  conformanceResources,
  examples,
  INVALID_DIR,
  PACKAGE_DIR,
  profileOf,
  readIndex,
  readManifest,
  resourceFiles,
  structureDefinitions,
} from './brug-package.ts';

const manifest = readManifest();
const base = manifest.canonical;

describe('package.json', () => {
  it('names the package, FHIR R4 and the core dependency', () => {
    expect(manifest).toMatchObject({
      name: 'brug.sociaalverwijzen.r4',
      version: '0.1.0',
      fhirVersions: ['4.0.1'],
      dependencies: { 'hl7.fhir.r4.core': '4.0.1' },
    });
    expect(base).toMatch(/^https:\/\/[^/]+\/fhir$/);
  });
});

describe.each([
  ['package', PACKAGE_DIR],
  ['package/example', path.join(PACKAGE_DIR, 'example')],
])('%s/.index.json', (_name, dir) => {
  const index = readIndex(dir);
  const files = resourceFiles(dir);

  it('lists every resource file exactly once, and nothing else', () => {
    expect(index['index-version']).toBe(1);
    expect(index.files.map((f) => f.filename).sort()).toEqual([...files.keys()]);
  });

  it('matches each file: resourceType, id, url and version, and kind and type for StructureDefinitions', () => {
    for (const entry of index.files) {
      const resource = files.get(entry.filename) as unknown as Record<string, unknown>;
      expect(entry.filename).toBe(`${entry.resourceType}-${entry.id}.json`);
      expect({ resourceType: resource.resourceType, id: resource.id }).toEqual({ resourceType: entry.resourceType, id: entry.id });
      expect(entry.url).toBe(resource.url);
      expect(entry.version).toBe(resource.version);
      if (entry.resourceType === 'StructureDefinition') {
        expect(entry.kind).toBe(resource.kind);
        expect(entry.type).toBe(resource.type);
      }
    }
  });
});

describe('conformance resources', () => {
  const resources = conformanceResources();

  it('are the agreed profiles, terminology and search parameters', () => {
    const urls = resources.map((r) => r.url.slice(base.length));
    for (const id of [
      'brug-verwijzing', 'brug-toestemming', 'brug-verwijzingtaak', 'brug-terugkoppeling', 'brug-patient',
      'brug-practitioner', 'brug-practitionerrole', 'brug-organization', 'brug-healthcareservice',
    ]) {
      expect(urls).toContain(`/StructureDefinition/${id}`);
    }
    for (const id of ['brug-processtap', 'brug-levensgebied', 'brug-verwijsreden', 'brug-terugkoppeling-soort', 'brug-uitkomst', 'brug-aanbod-soort']) {
      expect(urls).toContain(`/CodeSystem/${id}`);
      expect(urls).toContain(`/ValueSet/${id}`);
    }
    expect(urls).toContain('/ValueSet/brug-verwijzer-rol');
    expect(urls).toContain('/ConceptMap/brug-levensgebied-positieve-gezondheid');
    expect(urls).toContain('/SearchParameter/brug-servicerequest-supporting-info');
  });

  it('all have a canonical url under the base, built from type and id, with the package version', () => {
    for (const resource of resources) {
      expect(resource.url).toBe(`${base}/${resource.resourceType}/${resource.id}`);
      expect(resource.version).toBe(manifest.version);
      expect(resource.id).toMatch(/^brug-[a-z0-9-]+$/);
    }
  });

  it('carry a short Dutch and English description', () => {
    for (const resource of resources as unknown as { description?: string; url: string }[]) {
      expect([resource.url, resource.description]).toEqual([resource.url, expect.stringMatching(/^NL: [\s\S]+EN: /)]);
    }
  });

  it('contain no unreplaced {{canonical}} token, and every canonical in our namespace resolves inside the package', () => {
    const urls = new Set(resources.map((r) => r.url));
    const text = readdirSync(PACKAGE_DIR, { recursive: true })
      .map(String)
      .filter((name) => name.endsWith('.json'))
      .map((name) => readFileSync(path.join(PACKAGE_DIR, name), 'utf8'))
      .join('\n');
    expect(text).not.toContain('{{canonical}}');
    const ours = new Set([...text.matchAll(/"(https?:\/\/[^"\s']+)"/g)].map((m) => (m[1] as string).split('|')[0] as string).filter((u) => u.startsWith(`${base}/`)));
    for (const url of ours) expect(urls).toContain(url);
  });

  it('StructureDefinitions have a differential and a snapshot that starts at the resource type', () => {
    const sds = structureDefinitions();
    expect(sds).toHaveLength(11);
    for (const sd of sds) {
      expect(sd.differential?.element.length).toBeGreaterThan(0);
      const snapshot = sd.snapshot?.element as ElementDefinition[];
      expect(snapshot.length).toBeGreaterThan(sd.differential?.element.length ?? 0);
      expect(snapshot[0]?.path).toBe(sd.type);
      expect(sd.fhirVersion).toBe('4.0.1');
      expect(sd.derivation).toBe('constraint');
    }
  });

  it('bind required, extensible and preferred value sets as documented', () => {
    const binding = (sd: StructureDefinition, id: string) => sd.snapshot?.element.find((e) => e.id === id)?.binding;
    const byId = new Map(structureDefinitions().map((sd) => [sd.id, sd] as [string, StructureDefinition]));
    const task = byId.get('brug-verwijzingtaak') as StructureDefinition;
    expect(binding(task, 'Task.businessStatus')).toMatchObject({ strength: 'required', valueSet: `${base}/ValueSet/brug-processtap` });
    expect(binding(task, 'Task.statusReason')).toMatchObject({ strength: 'required', valueSet: `${base}/ValueSet/brug-taak-statusreden` });
    const verwijzing = byId.get('brug-verwijzing') as StructureDefinition;
    expect(binding(verwijzing, 'ServiceRequest.reasonCode')).toMatchObject({ strength: 'extensible', valueSet: `${base}/ValueSet/brug-verwijsreden` });
    expect(binding(verwijzing, 'ServiceRequest.code')).toMatchObject({ strength: 'required' });
  });

  it('data minimisation: a VerwijzingTaak carries no free text about the resident', () => {
    const task = structureDefinitions().find((sd) => sd.id === 'brug-verwijzingtaak') as StructureDefinition;
    const max = (id: string) => task.snapshot?.element.find((e) => e.id === id)?.max;
    for (const id of ['Task.description', 'Task.note', 'Task.input', 'Task.statusReason.text', 'Task.businessStatus.text', 'Task.reasonCode']) {
      expect([id, max(id)]).toEqual([id, '0']);
    }
  });
});

describe('examples and test cases', () => {
  it('every profile has at least one example that declares it', () => {
    const declared = new Set(examples().map(profileOf));
    for (const sd of structureDefinitions().filter((s) => s.type !== 'Extension')) expect(declared).toContain(sd.url);
  });

  it('each invalid case has its file and a one-line note', () => {
    const index = JSON.parse(readFileSync(path.join(INVALID_DIR, 'index.json'), 'utf8')) as { cases: { file: string; note: string }[] };
    const files = readdirSync(INVALID_DIR).filter((name) => name !== 'index.json');
    expect(index.cases.map((c) => c.file).sort()).toEqual(files.sort());
    for (const entry of index.cases) {
      expect(existsSync(path.join(INVALID_DIR, entry.file))).toBe(true);
      expect(entry.note).not.toMatch(/\n/);
    }
  });
});
