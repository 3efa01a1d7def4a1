import type { IndexRows } from './index-rows.ts';
import type { Filter, SearchPage, SearchQuery, StoredMatch } from './search/query.ts';
import type { SqlExecutor } from './database.ts';

/** One stored version of a resource. `json` is null for a deletion. */
export interface ResourceVersion {
  resourceType: string;
  id: string;
  versionId: number;
  lastUpdated: string;
  deleted: boolean;
  json: string | null;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
}

export interface NewVersion {
  resourceType: string;
  id: string;
  versionId: number;
  lastUpdated: string;
  method: 'POST' | 'PUT' | 'PATCH';
  json: string;
  index: IndexRows;
  /** True when the resource has no row yet (create), so no old index rows need removing. */
  isNew: boolean;
}

export interface HistoryQuery {
  resourceType?: string;
  /** System history limited to these types (the ones the caller may read at all); lets the index skip the rest. */
  resourceTypes?: readonly string[];
  id?: string;
  /** Only versions updated at or after this instant (`_since`). */
  since?: string;
  /** Only versions current at this instant (`_at`): updated at or before it. */
  at?: string;
  /**
   * Only versions of resources whose current version matches this filter (an access scope); a resource that is
   * deleted now matches nothing, so its versions are left out.
   */
  filter?: Filter;
  count: number;
  offset: number;
}

export interface ReferenceLink {
  resourceType: string;
  id: string;
  param: string;
  targetType: string;
  targetId: string;
}

/**
 * Persistence for FHIR resources (https://hl7.org/fhir/R4/http.html). The FHIR rules (which version is
 * expected, what a conditional request means) are the engine's; this interface stores and finds.
 * Every method runs in the transaction of the repository it is called on.
 */
export interface Repository {
  /** The current version, including a deletion marker; undefined when the id was never used. */
  readCurrent(resourceType: string, id: string): Promise<ResourceVersion | undefined>;
  /** As readCurrent, and holds a row lock until the transaction ends, so a version check stays true while writing. */
  lockCurrent(resourceType: string, id: string): Promise<ResourceVersion | undefined>;
  /** One historic version (vread). */
  readVersion(resourceType: string, id: string, versionId: number): Promise<ResourceVersion | undefined>;
  /** Current, not deleted resources by key, in no particular order; missing ones are left out. */
  readMany(keys: readonly { resourceType: string; id: string }[]): Promise<StoredMatch[]>;
  /** Writes a version: the resource row, its history row and its index rows. */
  writeVersion(version: NewVersion): Promise<void>;
  /** Marks the resource deleted as a new version, and drops its index rows. */
  writeDeletion(resourceType: string, id: string, versionId: number, lastUpdated: string): Promise<void>;
  /**
   * Rewrites the stored body of every version of one resource in place (a deletion stays one), without a new
   * version: for an erasure, where the personal data must leave the history too. Returns how many were rewritten.
   */
  redactHistory(resourceType: string, id: string, redact: (json: string) => string): Promise<number>;
  /**
   * The resources of these types any stored version of which contains one of `texts`, deleted ones too. A scan of
   * their whole history: for an erasure, which must also find what no index row points at any more.
   */
  idsMentioning(resourceTypes: readonly string[], texts: readonly string[]): Promise<{ resourceType: string; id: string }[]>;
  search(query: SearchQuery): Promise<SearchPage>;
  history(query: HistoryQuery): Promise<{ versions: ResourceVersion[]; hasMore: boolean; total: number }>;
  /** References held by the given resources (for _include), optionally of one parameter and target type. */
  referencesFrom(resourceType: string, ids: readonly string[], param?: string, targetType?: string): Promise<ReferenceLink[]>;
  /** References pointing at the given resources (for _revinclude). */
  referencesTo(sourceType: string, param: string | undefined, targetType: string, targetIds: readonly string[]): Promise<ReferenceLink[]>;
  /** Serialises writers of the same key until the transaction ends (conditional create, for example). */
  lockKey(key: string): Promise<void>;
  /** Runs `fn` in one transaction; inside a transaction it joins the running one. */
  transaction<T>(fn: (tx: TransactionRepository) => Promise<T>): Promise<T>;
}

/** A repository bound to one open transaction; `sql` lets later layers add their own rows to it. */
export interface TransactionRepository extends Repository {
  readonly sql: SqlExecutor;
}
