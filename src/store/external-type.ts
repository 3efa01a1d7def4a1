import type { SqlExecutor } from './database.ts';
import type { HistoryQuery, NewVersion, ReferenceLink, ResourceVersion } from './repository.ts';
import type { SearchPage, SearchQuery, StoredMatch } from './search/query.ts';

/**
 * A resource type a layer keeps in its own tables instead of `resources`, `resource_history` and the index tables:
 * an append-only log too large for the generic layout (the audit trail). The repository hands every call on that
 * type to it, so the engine reads, searches and pages it like any other type. Its resources have one version and
 * are never changed or deleted through the repository.
 */
export interface ExternalTypeStore {
  readonly resourceType: string;
  readCurrent(sql: SqlExecutor, id: string): Promise<ResourceVersion | undefined>;
  readMany(sql: SqlExecutor, ids: readonly string[]): Promise<StoredMatch[]>;
  /** Stores a resource written through the generic path (version 1 of a new id). */
  write(sql: SqlExecutor, version: NewVersion): Promise<void>;
  /** A search on this type alone; `query.resourceTypes` is `[resourceType]`. */
  search(sql: SqlExecutor, query: SearchQuery): Promise<SearchPage>;
  /** History of this type (or one id of it); the versions are the resources themselves, newest first. */
  history(sql: SqlExecutor, query: HistoryQuery): Promise<{ versions: ResourceVersion[]; hasMore: boolean; total: number }>;
  referencesFrom(sql: SqlExecutor, ids: readonly string[], param?: string, targetType?: string): Promise<ReferenceLink[]>;
  referencesTo(sql: SqlExecutor, param: string | undefined, targetType: string, targetIds: readonly string[]): Promise<ReferenceLink[]>;
}

/** Where a layer hands the repository a type it keeps itself; registered before the server is ready. */
export interface ExternalTypeRegistry {
  keepExternally(store: ExternalTypeStore): void;
}
