import type { Filter, Repository } from '../store/index.ts';
import { pickVersion, type Canonical, type CanonicalResource, type CanonicalType } from './canonical.ts';

/** Terminology resources stored through the API, the last source in order of precedence. */
export interface StoredTerminology {
  find(type: CanonicalType, canonical: Canonical): Promise<CanonicalResource | undefined>;
  /** A stored resource by id; undefined when unknown or deleted. */
  byId(type: CanonicalType, id: string): Promise<CanonicalResource | undefined>;
  /** Concept maps with a group whose source (or, reversed, target) is the given code system. */
  conceptMaps(system: string, reverse: boolean): Promise<CanonicalResource[]>;
}

/** No stored terminology, for work without a store: the package and base content only. */
export const NOTHING_STORED: StoredTerminology = {
  find: async () => undefined,
  byId: async () => undefined,
  conceptMaps: async () => [],
};

/** How many stored versions of one canonical URL, or stored concept maps for one system, are considered. */
const LIMIT = 100;

export async function searchStored(repo: Repository, type: CanonicalType, filter: Filter | undefined, limit = LIMIT): Promise<CanonicalResource[]> {
  const page = await repo.search({
    resourceTypes: [type],
    filter,
    // Oldest first, so that without a version the newest wins (as in the other sources).
    sort: [{ kind: 'last-updated', descending: false }],
    count: limit,
    offset: 0,
    total: 'none',
  });
  return page.matches.map((m) => JSON.parse(m.json) as CanonicalResource);
}

/**
 * Reads the store on every call: for the operations, which run outside any write (or inside a transaction
 * Bundle, with that transaction's repository, so they see its writes).
 */
export class RepositoryTerminology implements StoredTerminology {
  private readonly repo: Repository;

  constructor(repo: Repository) {
    this.repo = repo;
  }

  async find(type: CanonicalType, canonical: Canonical): Promise<CanonicalResource | undefined> {
    const found = await searchStored(this.repo, type, { kind: 'uri', param: 'url', match: 'exact', value: canonical.url });
    return pickVersion(found, canonical.version);
  }

  async byId(type: CanonicalType, id: string): Promise<CanonicalResource | undefined> {
    const current = await this.repo.readCurrent(type, id);
    if (!current || current.deleted || current.json === null) return undefined;
    return JSON.parse(current.json) as CanonicalResource;
  }

  conceptMaps(system: string, reverse: boolean): Promise<CanonicalResource[]> {
    return searchStored(this.repo, 'ConceptMap', { kind: 'uri', param: reverse ? 'target-system' : 'source-system', match: 'exact', value: system });
  }
}
