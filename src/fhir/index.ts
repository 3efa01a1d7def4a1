/**
 * The generic FHIR R4 engine as a Fastify plugin. It knows FHIR, not referrals: other layers plug in through
 * `app.fhirHooks` (hook points) and `app.fhirOperations` (operations), before the app is ready.
 */
import type { SearchParameter } from '@medplum/fhirtypes';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Repository } from '../store/index.ts';
import { definitionReader, fillDefinitionCache } from './definitions/definition-files.ts';
import { loadDefinitions, type FhirDefinitions } from './definitions/load-definitions.ts';
import type { Engine, EngineConfig } from './engine.ts';
import { PrincipalDirectory, type Principal } from './principal.ts';
import { authenticateRequest } from './http/authenticate-request.ts';
import type { FhirRequest, FhirResponse } from './request.ts';
import { HookRegistry } from './hooks/registry.ts';
import { registerContentParsers } from './http/content-parsers.ts';
import { registerFhirRoutes } from './http/fhir-routes.ts';
import { HeavyGate } from './http/heavy-gate.ts';
import { InFlight } from './http/in-flight.ts';
import { DEFAULT_LIMITS, type FhirLimits } from './limits.ts';
import { CapabilityContributions, type ServerIdentity } from './interactions/capabilities.ts';
import { OperationRegistry } from './operations/operation-registry.ts';
import { Dispatcher, type Caller } from './router/dispatch.ts';
import { createIndexer } from './search/extract-index.ts';

// Under the 10 s after which the process gives up on a clean stop (src/serve.ts).
const DRAIN_MS = 8000;

export type { Engine, EngineConfig } from './engine.ts';
export type { HookPoints, HookPoint, InteractionContext, InteractionCode, WriteContext, CascadeWrite, CommittedContext, CompletedContext, ValidateContext, AuthenticateContext } from './hooks/points.ts';
export type { HookRegistry } from './hooks/registry.ts';
export type { Principal, PrincipalDirectory, PrincipalLookup, SmartScope, ScopeAction, OrganizationRef, ActingProfessional } from './principal.ts';
export type { OperationRegistry, OperationSpec, OperationInvocation } from './operations/operation-registry.ts';
export { OperationInput, type OperationParameters } from './operations/operation-input.ts';
export type { FhirRequest, FhirResponse } from './request.ts';
export type { FhirDefinitions } from './definitions/load-definitions.ts';
export type { DefinitionReader } from './definitions/definition-files.ts';
export type { CapabilityContributions, CapabilityContributor } from './interactions/capabilities.ts';
export { FhirErrors } from './errors.ts';
export { readPackageSearchParameters } from './definitions/package-search-parameters.ts';
export { fhirErrorHandler, notFoundHandler } from './error-handler.ts';
export { fhirClientErrorHandler, urlLengthLimit } from './http/client-errors.ts';
export { answerUnroutedRequests } from './http/server-events.ts';
export type { FhirLimits } from './limits.ts';
export { informational, outcome, outcomeForError, toOutcomeIssue } from './outcome.ts';
export { currentResource, organizationOf, readReferenced, referenceKey } from './read-referenced.ts';
export { sendResource } from './response.ts';
export { idsMatching, visibleIds, visibleToCaller } from './interactions/visibility.ts';
export type { Caller } from './router/dispatch.ts';

declare module 'fastify' {
  interface FastifyInstance {
    fhirHooks: HookRegistry;
    fhirOperations: OperationRegistry;
    fhirEngine: Engine;
    /** Additions to the generated CapabilityStatement (security, for example), before the app is ready. */
    fhirCapabilities: CapabilityContributions;
    /**
     * Runs one FHIR interaction for a caller outside an HTTP request (a background worker acting as the server),
     * through the same authorization, validation, hooks and audit as a request.
     */
    fhirDispatch: (request: FhirRequest, caller: Caller) => Promise<FhirResponse>;
    /** The principals of registered clients, for work on their behalf outside a request; provided before the app is ready. */
    fhirPrincipals: PrincipalDirectory;
    /**
     * A `preHandler` for a layer's routes outside the FHIR base: the caller is authenticated by the same
     * `request.authenticate` hooks as a FHIR request (tokens, refusals, their audit) and found on `request.principal`.
     */
    fhirAuthenticate: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

export interface FhirPluginOptions extends Omit<EngineConfig, 'limits' | 'maxResourceBytes'> {
  repo: Repository;
  resourceTypes: readonly string[];
  identity: ServerIdentity;
  /** URL path of the FHIR base, e.g. "/fhir". */
  prefix: string;
  extraSearchParameters?: readonly SearchParameter[];
  /** Reuse already loaded definitions (tests build many apps). */
  definitions?: FhirDefinitions;
  /** Where the trimmed base definitions are kept between starts (`definition-files.ts`); none: trimmed at every start. */
  definitionCacheDir?: string;
  /** Deepest nesting of objects and arrays accepted in a JSON body (default 100). */
  maxJsonDepth?: number;
  /** Bounds on the work one request may cause; each one left out keeps its default (`limits.ts`). */
  limits?: Partial<FhirLimits>;
  /** The body limit of the routes (`BODY_LIMIT_BYTES`, default 5 MiB): no patch may build a larger resource. */
  maxResourceBytes?: number;
  /** Heavy requests that run at once, and how long the next one may wait for its turn (`http/heavy-gate.ts`). */
  heavyRequests?: { readonly concurrency: number; readonly maxWaitMs: number };
}

const fhirPlugin: FastifyPluginAsync<FhirPluginOptions> = async (app, options) => {
  if (!options.definitions && options.definitionCacheDir) await fillDefinitionCache(options.definitionCacheDir);
  const defs =
    options.definitions ??
    loadDefinitions({ servedTypes: options.resourceTypes, extraSearchParameters: options.extraSearchParameters, read: definitionReader(options.definitionCacheDir) });
  const hooks = new HookRegistry();
  const operations = new OperationRegistry();
  const limits: FhirLimits = { ...DEFAULT_LIMITS, ...options.limits, maxJsonDepth: options.maxJsonDepth ?? options.limits?.maxJsonDepth ?? DEFAULT_LIMITS.maxJsonDepth };
  const config: EngineConfig = { baseUrl: options.baseUrl, defaultPageSize: options.defaultPageSize, maxPageSize: options.maxPageSize, limits, maxResourceBytes: options.maxResourceBytes ?? 5 * 1024 * 1024 };
  const engine: Engine = { defs, repo: options.repo, hooks, operations, indexer: createIndexer(defs, options.baseUrl), config };
  const capabilityContributions = new CapabilityContributions();
  const dispatcher = new Dispatcher(engine, options.identity, capabilityContributions);
  app.decorate('fhirHooks', hooks);
  app.decorate('fhirOperations', operations);
  app.decorate('fhirEngine', engine);
  app.decorate('fhirCapabilities', capabilityContributions);
  app.decorate('fhirDispatch', (request: FhirRequest, caller: Caller) => dispatcher.handle(request, caller));
  const principals = new PrincipalDirectory();
  app.decorate('fhirPrincipals', principals);
  app.decorate('fhirAuthenticate', (request: FastifyRequest) => authenticateRequest(hooks, request));
  app.decorateRequest('principal', undefined);
  registerContentParsers(app, { maxJsonDepth: limits.maxJsonDepth, maxArrayItems: limits.maxArrayItems });
  const heavyGate = options.heavyRequests ? new HeavyGate(options.heavyRequests.concurrency, options.heavyRequests.maxWaitMs) : undefined;
  const inFlight = new InFlight();
  registerFhirRoutes(app, { prefix: options.prefix, engine, dispatcher, heavyGate, inFlight });
  // Closing hooks run last-added first: this one runs before the store, added earlier, is closed.
  app.addHook('onClose', () => inFlight.drained(DRAIN_MS));
  app.addHook('onReady', async () => {
    hooks.close();
    operations.close();
    capabilityContributions.close();
    principals.close();
  });
};

export const fhirEngine = fp(fhirPlugin, { name: 'brug-fhir', fastify: '5.x' });
