import type { Repository } from '../store/index.ts';
import { CANONICAL_TYPES, CanonicalIndex, type Canonical, type CanonicalResource, type CanonicalType } from './canonical.ts';
import { searchStored, type StoredTerminology } from './stored-terminology.ts';

/** At most this many stored resources of each terminology type are held in the snapshot. */
export const SNAPSHOT_LIMIT = 1000;

/**
 * The stored terminology as last read, for `app.terminology`. Binding checks run inside the write transaction
 * (resource.validate), where a query would take a second pool connection per write and could wait for that very
 * transaction's locks: so these reads never touch the store. A stale snapshot is refreshed in the background.
 */
export class StoredSnapshot implements StoredTerminology {
  private index = new CanonicalIndex();
  private readAt = 0;
  private refreshing: Promise<void> | undefined;
  private readonly repo: Repository;
  private readonly maxAgeMs: number;
  private readonly onError: (err: unknown) => void;

  constructor(repo: Repository, maxAgeMs: number, onError: (err: unknown) => void) {
    this.repo = repo;
    this.maxAgeMs = maxAgeMs;
    this.onError = onError;
  }

  /** Reads every stored CodeSystem, ValueSet and ConceptMap (awaited at start and after such a write). */
  async refresh(): Promise<{ truncated: boolean }> {
    const next = new CanonicalIndex();
    let truncated = false;
    for (const type of CANONICAL_TYPES) {
      const found = await searchStored(this.repo, type, undefined, SNAPSHOT_LIMIT);
      truncated ||= found.length >= SNAPSHOT_LIMIT;
      for (const resource of found) next.add(resource);
    }
    this.index = next;
    this.readAt = Date.now();
    return { truncated };
  }

  async find(type: CanonicalType, canonical: Canonical): Promise<CanonicalResource | undefined> {
    this.refreshWhenStale();
    return this.index.find(type, canonical);
  }

  async byId(type: CanonicalType, id: string): Promise<CanonicalResource | undefined> {
    this.refreshWhenStale();
    return this.index.findById(type, id);
  }

  async conceptMaps(system: string, reverse: boolean): Promise<CanonicalResource[]> {
    this.refreshWhenStale();
    const side = reverse ? 'target' : 'source';
    return this.index.all('ConceptMap').filter((m) => ((m as { group?: Record<string, unknown>[] }).group ?? []).some((g) => g[side] === system));
  }

  /** Not awaited on purpose: the caller may hold the transaction the refresh would queue behind. */
  private refreshWhenStale(): void {
    if (this.refreshing || Date.now() - this.readAt < this.maxAgeMs) return;
    this.refreshing = this.refresh()
      .then(() => undefined, this.onError)
      .finally(() => {
        this.refreshing = undefined;
      });
  }
}
