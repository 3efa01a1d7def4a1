import type { Resource } from '@medplum/fhirtypes';
import type { FastifyBaseLogger } from 'fastify';
import type { Filter, Repository, TransactionRepository } from '../../store/index.ts';
import type { Principal } from '../principal.ts';
import type { FhirRequest, FhirResponse } from '../request.ts';

export type { Principal } from '../principal.ts';

/** The FHIR interaction codes of https://hl7.org/fhir/R4/http.html, as the CapabilityStatement names them. */
export type InteractionCode =
  | 'read'
  | 'vread'
  | 'update'
  | 'patch'
  | 'delete'
  | 'history-instance'
  | 'history-type'
  | 'history-system'
  | 'create'
  | 'search-type'
  | 'search-system'
  | 'capabilities'
  | 'transaction'
  | 'batch'
  | 'operation';

export interface InteractionContext {
  readonly interaction: InteractionCode;
  readonly resourceType?: string;
  readonly id?: string;
  readonly request: FhirRequest;
  readonly principal?: Principal;
  readonly log: FastifyBaseLogger;
  readonly requestId: string;
  /** Network address of the caller (for the audit trail). */
  readonly ip?: string;
  /** Set on each entry of a batch or transaction Bundle: the Bundle's own interaction. */
  readonly bundle?: InteractionContext;
  /** An operation on a type the server does not store (`Bundle/$validate`): no stored resource is involved. */
  readonly unstoredType?: boolean;
  /**
   * Set by the engine on a write that a `storage.preWrite` hook makes through `WriteContext.writeAlso` (a cascade):
   * the interaction whose hook made it. A rule the cascading hook has already applied may let such a write pass.
   */
  readonly cascadeOf?: InteractionContext;
  /**
   * How many writes of this interaction have run their `storage.preCommit` hooks, counted by the engine on every
   * interaction it dispatches: an `interaction.completed` hook learns from it that those hooks have already recorded
   * the interaction.
   */
  readonly writes?: WriteCount;
}

/** A counter the engine keeps on each interaction (`InteractionContext.writes`). */
export interface WriteCount {
  count: number;
}

export interface AuthenticateContext {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly ip: string;
  readonly log: FastifyBaseLogger;
  /** Set by the hook that recognises the caller. */
  principal?: Principal;
}

export interface ValidateContext {
  readonly interaction: InteractionContext;
  readonly resource: Resource;
}

export interface WriteContext {
  readonly interaction: InteractionContext;
  /** The resource about to be stored (preWrite may change it) or as stored (preCommit). Undefined for deletes. */
  resource?: Resource;
  /** The current version before this write, when there is one. */
  readonly previous?: Resource;
  readonly operation: 'create' | 'update' | 'patch' | 'delete';
  readonly resourceType: string;
  readonly id: string;
  /** The transaction the write runs in; preCommit hooks add their own rows through it. */
  readonly tx: TransactionRepository;
  /**
   * The cascade entry point: writes another resource in this same transaction through the engine's one write path
   * (validation, every hook point again, indexing, audit), as part of `interaction` (by default this write's), marked
   * with `cascadeOf`; its postCommit hooks run once the whole transaction has committed. For a preWrite hook whose
   * rule changes other resources too (a withdrawn consent cancels the referral's Tasks).
   */
  readonly writeAlso: (request: CascadeWrite, interaction?: InteractionContext) => Promise<{ versionId: number; resource?: Resource }>;
}

/** A write a hook makes alongside the current one (see `WriteContext.writeAlso`). */
export interface CascadeWrite {
  readonly operation: 'create' | 'update' | 'delete';
  readonly resourceType: string;
  readonly id: string;
  readonly resource?: Resource;
  /** Version id expected to be current; the write fails with a version conflict otherwise. */
  readonly ifMatch?: string;
}

export interface CommittedContext {
  readonly interaction: InteractionContext;
  readonly resourceType: string;
  readonly id: string;
  readonly versionId: number;
  readonly operation: 'create' | 'update' | 'patch' | 'delete';
  readonly resource?: Resource;
}

export interface CompletedContext {
  readonly interaction: InteractionContext;
  /** HTTP status of the response, or the status the error is answered with when the interaction failed. */
  readonly status: number;
  readonly durationMs: number;
  /** What was answered: for a read the resource (or its JSON), for a search or history the Bundle. */
  readonly response?: FhirResponse;
  /** Why the interaction failed (a refusal or a fault); undefined on success. */
  readonly error?: unknown;
  /**
   * The repository the interaction ran against. Inside a transaction Bundle (and each batch entry) it is bound to that
   * database transaction, so rows written through it commit or roll back with the interaction.
   */
  readonly repo: Repository;
}

/**
 * Every point where another layer may act, with when it runs and what it may do.
 * A hook stops the request by throwing a BrugError; it never returns false.
 */
export interface HookPoints {
  /** HTTP request received, before routing. Sets `ctx.principal`, or throws `unauthenticated`. Outside any transaction. */
  'request.authenticate': (ctx: AuthenticateContext) => Promise<void>;
  /** Before each interaction, including each entry of a batch or transaction. Throws `forbidden` or `not-found` to refuse. */
  'interaction.authorize': (ctx: InteractionContext) => Promise<void>;
  /** While building any search, include or history query: returns an extra filter that limits what the caller may see, ANDed in SQL. */
  'search.scope': (ctx: { interaction: InteractionContext; resourceType: string }) => Promise<Filter | undefined>;
  /**
   * Before the resource is stored, inside the write transaction (a patch is only known once the current version is
   * locked): first on the resource as sent, so `storage.preWrite` hooks rule on valid content, and again on the result
   * when those hooks changed it, as the last step before storing, so nothing is stored that was not validated as
   * stored. Checks content and throws with issues. It must not query the store: a second connection per write halves
   * the pool, and could wait for this very transaction's locks. What it needs (profiles, terminology) it keeps in memory.
   */
  'resource.validate': (ctx: ValidateContext) => Promise<void>;
  /** Inside the write transaction, before the resource is stored: may change `ctx.resource` or reject the write. */
  'storage.preWrite': (ctx: WriteContext) => Promise<void>;
  /** Inside the write transaction, after the resource and its index are written: adds rows (audit, outbox), must not change the resource. */
  'storage.preCommit': (ctx: WriteContext) => Promise<void>;
  /** After commit. Errors are logged and never fail the request. */
  'storage.postCommit': (ctx: CommittedContext) => Promise<void>;
  /** After the response is known, for read audit and metrics. Errors are logged and never fail the request. */
  'interaction.completed': (ctx: CompletedContext) => Promise<void>;
}

export type HookPoint = keyof HookPoints;

export const HOOK_POINTS: readonly HookPoint[] = [
  'request.authenticate',
  'interaction.authorize',
  'search.scope',
  'resource.validate',
  'storage.preWrite',
  'storage.preCommit',
  'storage.postCommit',
  'interaction.completed',
];
