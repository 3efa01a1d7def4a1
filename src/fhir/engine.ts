import type { Repository } from '../store/index.ts';
import type { FhirDefinitions } from './definitions/load-definitions.ts';
import type { CommittedContext } from './hooks/points.ts';
import type { HookRegistry } from './hooks/registry.ts';
import type { OperationRegistry } from './operations/operation-registry.ts';
import type { FhirLimits } from './limits.ts';
import type { Indexer } from './search/extract-index.ts';

export interface EngineConfig {
  /** Public base URL of the FHIR endpoint, without trailing slash. */
  readonly baseUrl: string;
  readonly defaultPageSize: number;
  readonly maxPageSize: number;
  /** Bounds on the work one request may cause; checked before the work. */
  readonly limits: FhirLimits;
  /** The largest resource a client may send (`BODY_LIMIT_BYTES`): what a patch builds may not be larger. */
  readonly maxResourceBytes: number;
}

/** Everything an interaction needs, built once in the engine plugin and passed explicitly (no globals). */
export interface Engine {
  readonly defs: FhirDefinitions;
  readonly repo: Repository;
  readonly hooks: HookRegistry;
  readonly operations: OperationRegistry;
  readonly indexer: Indexer;
  readonly config: EngineConfig;
  /**
   * Set on the engine handed to the entries of a transaction Bundle: `repo` is then bound to that one database
   * transaction, and postCommit hooks are collected here to run after it commits.
   */
  readonly bundleTransaction?: { readonly deferredCommits: CommittedContext[] };
}

/** The same engine with every repository call inside one open transaction (for transaction Bundles). */
export function withinTransaction(engine: Engine, tx: Repository, deferredCommits: CommittedContext[]): Engine {
  return { ...engine, repo: tx, bundleTransaction: { deferredCommits } };
}
