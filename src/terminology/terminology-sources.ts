import { ListedCodes } from './listed-codes.ts';
import type { CodeSystem, ConceptMap, ValueSet } from '@medplum/fhirtypes';
import type { BaseTerminology } from './base-terminology.ts';
import { splitCanonical, type CanonicalIndex, type CanonicalResource, type CanonicalType } from './canonical.ts';
import { CodeSystemIndex } from './code-system-index.ts';
import type { Expansion } from './expand-value-set.ts';
import type { StoredTerminology } from './stored-terminology.ts';

/** Where a resource came from: the order is the precedence when several sources define the same URL. */
export type Origin = 'package' | 'base' | 'stored';

export interface Found<T> {
  readonly resource: T;
  readonly origin: Origin;
}

interface TypeOf {
  CodeSystem: CodeSystem;
  ValueSet: ValueSet;
  ConceptMap: ConceptMap;
}

/**
 * The terminology the server holds, for the life of the app: Brug's own package, the base R4 content, and
 * indexes built from them. Stored resources come from the source given to `bind`.
 */
export class TerminologySources {
  readonly packageIndex: CanonicalIndex;
  readonly base: BaseTerminology;
  private readonly indexes = new WeakMap<CodeSystem, CodeSystemIndex>();
  /** Expansions of package and base value sets, kept as long as the ValueSet object lives. */
  readonly expansions = new WeakMap<ValueSet, Expansion>();

  constructor(packageIndex: CanonicalIndex, base: BaseTerminology) {
    this.packageIndex = packageIndex;
    this.base = base;
  }

  private listed?: ListedCodes;

  /** Codes the package's value sets list from systems it holds no CodeSystem of (built on first use). */
  get listedCodes(): ListedCodes {
    if (!this.listed) {
      const own = new Set(this.packageIndex.all('CodeSystem').map((r) => r.url));
      this.listed = new ListedCodes(this.packageIndex, (system) => own.has(system));
    }
    return this.listed;
  }

  bind(stored: StoredTerminology): Resolver {
    return new Resolver(this, stored);
  }

  /** Indexes are kept as long as their CodeSystem object lives (package and base ones: the app's life). */
  index(codeSystem: CodeSystem): CodeSystemIndex {
    let index = this.indexes.get(codeSystem);
    if (!index) {
      index = new CodeSystemIndex(codeSystem);
      this.indexes.set(codeSystem, index);
    }
    return index;
  }
}

/** Finds terminology resources by canonical URL or id, in order of precedence: package, base R4, stored. */
export class Resolver {
  readonly sources: TerminologySources;
  private readonly stored: StoredTerminology;

  constructor(sources: TerminologySources, stored: StoredTerminology) {
    this.sources = sources;
    this.stored = stored;
  }

  async find<T extends CanonicalType>(type: T, canonical: string): Promise<Found<TypeOf[T]> | undefined> {
    const parsed = splitCanonical(canonical);
    const own = this.sources.packageIndex.find(type, parsed);
    if (own) return found(own, 'package');
    const base = await this.sources.base.find(type, parsed);
    if (base) return found(base, 'base');
    const stored = await this.stored.find(type, parsed);
    return stored ? found(stored, 'stored') : undefined;
  }

  /** `[type]/[id]` for instance-level operations: a stored resource, else one of Brug's own package. */
  async byId<T extends CanonicalType>(type: T, id: string): Promise<Found<TypeOf[T]> | undefined> {
    const stored = await this.stored.byId(type, id);
    if (stored) return found(stored, 'stored');
    const own = this.sources.packageIndex.findById(type, id);
    return own ? found(own, 'package') : undefined;
  }

  /** Every concept map with a group from (or, reversed, to) `system`, each URL once, by precedence. */
  async conceptMapsFor(system: string, reverse: boolean): Promise<Found<ConceptMap>[]> {
    const all = [
      ...this.sources.packageIndex.all('ConceptMap').map((r) => found<ConceptMap>(r, 'package')),
      ...(await this.sources.base.conceptMaps()).map((r) => found<ConceptMap>(r, 'base')),
      ...(await this.stored.conceptMaps(system, reverse)).map((r) => found<ConceptMap>(r, 'stored')),
    ];
    const seen = new Set<string>();
    return all.filter(({ resource }) => {
      const key = resource.url ?? `${resource.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return (resource.group ?? []).some((g) => (reverse ? g.target : g.source) === system);
    });
  }
}

function found<T>(resource: CanonicalResource, origin: Origin): Found<T> {
  return { resource: resource as T, origin };
}
