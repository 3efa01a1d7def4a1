/**
 * The NEN 7513 audit trail: an AuditEvent for every interaction, token request and refused attempt, kept as a
 * compact row in an append-only, partitioned, hash-chained log (`log/`) that the repository serves as the AuditEvent
 * type, so an auditor reads and searches it with the normal FHIR interactions and search parameters.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { BrugError } from '../../errors.ts';
import type { AuthenticateContext } from '../../fhir/index.ts';
import type { Database, ExternalTypeRegistry } from '../../store/index.ts';
import type { AuditSource } from './audit-event.ts';
import { registerAuditHooks } from './audit-hooks.ts';
import { refusalFacts, tokenRequestFacts, type TokenRequestRecord } from './request-facts.ts';
import { AccessEventWriter, type AuditBatch } from './access-event-writer.ts';
import { AuditLogStore } from './log/audit-log-store.ts';
import { rowOfFacts, type AuditRow } from './log/audit-row.ts';
import { startLogKeeper } from './log/log-keeper.ts';
import { keepPartitions } from './log/partitions.ts';

export type { TokenRequestRecord } from './request-facts.ts';
export type { AuditBatch } from './access-event-writer.ts';

/** What other parts of the security layer tell the audit trail; interactions are audited through the engine's hooks. */
export interface AuditTrail {
  /** A request refused before it reached an interaction (no token, bad token, rate limit). Never throws. */
  recordRefusal(ctx: AuthenticateContext, error: BrugError): Promise<void>;
  /** A token request, granted or refused. Never throws. */
  recordTokenRequest(record: TokenRequestRecord): Promise<void>;
  /** Access events waiting for their batch (for metrics). */
  readonly waiting: () => number;
}

export async function registerAudit(app: FastifyInstance, deps: { db: Database; config: Config; typeStores: ExternalTypeRegistry; onBatch?: (batch: AuditBatch) => void }): Promise<AuditTrail> {
  const source: AuditSource = { site: new URL(deps.config.baseUrl).host, baseUrl: deps.config.baseUrl };
  deps.typeStores.keepExternally(new AuditLogStore());
  // An access must be logged even when its request ran out of time or its client left: the writer's commits run
  // outside the request's deadline (they keep the session's statement timeout).
  const accessEvents = new AccessEventWriter(deps.db, (commit) => deps.db.deadlines.outside(commit), deps.onBatch);
  registerAuditHooks(app, source, accessEvents);
  // This month's partition must exist before the first event: a row in the default one would block creating it.
  await keepPartitions(deps.db, deps.config.audit.retentionMonths);
  const keeper = startLogKeeper(deps.db, deps.config.audit, app.log.child({ module: 'audit' }));
  app.addHook('onClose', () => keeper.stop());
  // Outside any interaction: one insert on the base repository, atomic by itself. A failure to record must not
  // change the answer the caller gets, so it is logged (without the event) instead of thrown.
  const record = async (row: AuditRow): Promise<void> => {
    try {
      await accessEvents.write(row);
    } catch (err) {
      app.log.error({ error: err instanceof Error ? err.message : String(err), type: row.typeCode }, 'audit: could not record an event');
    }
  };
  return {
    recordRefusal: (ctx, error) => record(rowOfFacts(refusalFacts(ctx, error), source.baseUrl)),
    recordTokenRequest: (r) => record(rowOfFacts(tokenRequestFacts(r), source.baseUrl)),
    waiting: () => accessEvents.waiting,
  };
}
