import type { CapabilityStatement } from '@medplum/fhirtypes';
import { withinTransaction, type Engine } from '../engine.ts';
import { FhirErrors } from '../errors.ts';
import type { CommittedContext, InteractionContext, Principal } from '../hooks/points.ts';
import { processBundle } from '../interactions/bundle.ts';
import { CapabilityContributions, capabilityStatement, type ServerIdentity } from '../interactions/capabilities.ts';
import { create } from '../interactions/create.ts';
import { conditionalDelete, deleteResource } from '../interactions/delete.ts';
import { history } from '../interactions/history.ts';
import { invokeOperation } from '../interactions/operation.ts';
import { conditionalPatch, patch } from '../interactions/patch.ts';
import { read } from '../interactions/read.ts';
import { search } from '../interactions/search.ts';
import { conditionalUpdate, update } from '../interactions/update.ts';
import { vread } from '../interactions/vread.ts';
import type { FhirRequest, FhirResponse } from '../request.ts';
import { assertServedType, assertValidId } from '../resource-body.ts';
import { outcomeForError } from '../outcome.ts';
import { matchRoute, type RouteMatch } from './match-route.ts';

export interface Caller {
  readonly principal?: Principal;
  readonly log: InteractionContext['log'];
  readonly requestId: string;
  readonly ip?: string;
  /** The batch or transaction Bundle whose entry this is. */
  readonly bundle?: InteractionContext;
}

/** Routes a FhirRequest to its interaction, with authorization and completion hooks around it. */
export class Dispatcher {
  private readonly engine: Engine;
  private readonly identity: ServerIdentity;
  private readonly started = new Date().toISOString();
  private readonly contributions: CapabilityContributions;
  private statement?: CapabilityStatement;

  constructor(engine: Engine, identity: ServerIdentity, contributions: CapabilityContributions = new CapabilityContributions()) {
    this.engine = engine;
    this.identity = identity;
    this.contributions = contributions;
  }

  capabilities(): CapabilityStatement {
    this.statement ??= this.contributions.applyTo(capabilityStatement(this.engine, this.identity, this.started));
    return this.statement;
  }

  async handle(req: FhirRequest, caller: Caller, engine: Engine = this.engine): Promise<FhirResponse> {
    const matched = matchRoute(req.method, req.path);
    if ('notFound' in matched) throw FhirErrors.unknownRoute([req.method, `/${req.path}`]);
    if ('methodNotAllowed' in matched) throw FhirErrors.methodNotAllowed([req.method, `/${req.path}`]);
    const match = matched.match;
    const unstoredType = match.resourceType !== undefined && !engine.defs.isServed(match.resourceType) && takesUnstoredType(engine, match);
    if (match.resourceType !== undefined && !unstoredType) assertServedType(engine.defs, match.resourceType);
    if (match.id !== undefined) assertValidId(match.id);
    const interaction = match.interaction === 'transaction' ? bundleInteraction(req) : match.interaction;
    const context: InteractionContext = { ...caller, interaction, resourceType: match.resourceType, id: match.id, request: req, writes: { count: 0 }, ...(unstoredType ? { unstoredType } : {}) };
    const startedAt = performance.now();
    let status = 500;
    let response: FhirResponse | undefined;
    let error: unknown;
    try {
      await engine.hooks.run('interaction.authorize', context);
      response = await this.run(engine, match, req, context);
      status = response.status;
      return response;
    } catch (err) {
      error = err;
      status = outcomeForError(err).status;
      throw err;
    } finally {
      if (engine.hooks.has('interaction.completed')) {
        await engine.hooks
          .run('interaction.completed', { interaction: context, status, durationMs: performance.now() - startedAt, response, error, repo: engine.repo })
          .catch((err: unknown) => caller.log.error({ err }, 'interaction.completed hook failed'));
      }
    }
  }

  /**
   * `req` as the caller of `outer` would make it, with every hook, inside one database transaction that is always
   * rolled back; its postCommit hooks never run, since nothing commits. The answer is what a real request would get,
   * or the error it would be refused with.
   */
  async rehearse(req: FhirRequest, outer: InteractionContext, engine: Engine = this.engine): Promise<FhirResponse> {
    if (engine.bundleTransaction) throw FhirErrors.rehearsalNested(['its rollback would undo the whole Bundle']);
    const caller: Caller = { principal: outer.principal, log: outer.log, requestId: outer.requestId, ip: outer.ip };
    const rolledBack = new RolledBack();
    try {
      await engine.repo.transaction(async (tx) => {
        const discarded: CommittedContext[] = [];
        rolledBack.response = await this.handle(req, caller, withinTransaction(engine, tx, discarded));
        throw rolledBack;
      });
    } catch (err) {
      if (err !== rolledBack) throw err;
    }
    return rolledBack.response!;
  }

  private run(engine: Engine, m: RouteMatch, req: FhirRequest, ctx: InteractionContext): Promise<FhirResponse> {
    const type = m.resourceType!;
    switch (m.interaction) {
      case 'capabilities':
        return Promise.resolve({ status: 200, resource: this.capabilities() });
      case 'read':
        return read(engine, ctx, req, type, m.id!);
      case 'vread':
        return vread(engine, ctx, req, type, m.id!, m.versionId!);
      case 'create':
        return create(engine, ctx, req, type, { id: req.assignedId });
      case 'update':
        return m.conditional ? conditionalUpdate(engine, ctx, req, type) : update(engine, ctx, req, type, m.id!);
      case 'patch':
        return m.conditional ? conditionalPatch(engine, ctx, req, type) : patch(engine, ctx, req, type, m.id!);
      case 'delete':
        return m.conditional ? conditionalDelete(engine, ctx, req, type) : deleteResource(engine, ctx, req, type, m.id!);
      case 'history-instance':
      case 'history-type':
      case 'history-system':
        return history(engine, ctx, req, m.resourceType, m.id);
      case 'search-type':
      case 'search-system':
        return search(engine, ctx, req, m.resourceType);
      case 'transaction':
      case 'batch':
        return processBundle(engine, ctx, req, (entryReq, entryEngine) => this.handle(entryReq, { ...ctx, bundle: ctx }, entryEngine));
      case 'operation':
        return invokeOperation(engine, ctx, req, m, (inner) => this.rehearse(inner, ctx, engine));
    }
  }
}

/** Thrown out of a rehearsal's transaction callback, so the store rolls it back; carries the answer out. */
class RolledBack extends Error {
  response?: FhirResponse;
}

/** A type-level operation declared for every type, on an R4 type this server does not store. */
function takesUnstoredType(engine: Engine, match: RouteMatch): boolean {
  const op = match.operation;
  if (op?.level !== 'type' || !engine.defs.allResourceTypes.has(match.resourceType!)) return false;
  return engine.operations.find(op.name, 'type', match.resourceType)?.everyType === true;
}

function bundleInteraction(req: FhirRequest): 'transaction' | 'batch' {
  const body = req.body as { type?: unknown } | undefined;
  return body?.type === 'batch' ? 'batch' : 'transaction';
}
