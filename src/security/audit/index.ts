/**
 * The NEN 7513 audit trail: an AuditEvent for every interaction, token request and refused attempt, stored as an
 * ordinary (append-only) resource that an auditor searches with the normal FHIR search parameters.
 */
import type { AuditEvent } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { BrugError } from '../../errors.ts';
import type { AuthenticateContext } from '../../fhir/index.ts';
import type { Database } from '../../store/index.ts';
import { buildAuditEvent, type AuditSource } from './audit-event.ts';
import { registerAuditHooks } from './audit-hooks.ts';
import { refusalFacts, tokenRequestFacts, type TokenRequestRecord } from './request-facts.ts';
import { AccessEventWriter } from './access-event-writer.ts';

export type { TokenRequestRecord } from './request-facts.ts';

/** What other parts of the security layer tell the audit trail; interactions are audited through the engine's hooks. */
export interface AuditTrail {
  /** A request refused before it reached an interaction (no token, bad token, rate limit). Never throws. */
  recordRefusal(ctx: AuthenticateContext, error: BrugError): Promise<void>;
  /** A token request, granted or refused. Never throws. */
  recordTokenRequest(record: TokenRequestRecord): Promise<void>;
}

export function registerAudit(app: FastifyInstance, deps: { db: Database; config: Config }): AuditTrail {
  const source: AuditSource = { site: new URL(deps.config.baseUrl).host, baseUrl: deps.config.baseUrl };
  const { repo, indexer } = app.fhirEngine;
  // An access must be logged even when its request ran out of time or its client left: the writer's commits run
  // outside the request's deadline (they keep the session's statement timeout).
  const accessEvents = new AccessEventWriter(repo, indexer, (commit) => deps.db.deadlines.outside(commit));
  registerAuditHooks(app, source, accessEvents);
  // Outside any interaction: one insert on the base repository, atomic by itself. A failure to record must not
  // change the answer the caller gets, so it is logged (without the event) instead of thrown.
  const record = async (event: AuditEvent): Promise<void> => {
    try {
      await accessEvents.write(event);
    } catch (err) {
      app.log.error({ error: err instanceof Error ? err.message : String(err), type: event.type.code }, 'audit: could not record an event');
    }
  };
  return {
    recordRefusal: (ctx, error) => record(buildAuditEvent(refusalFacts(ctx, error), source)),
    recordTokenRequest: (r) => record(buildAuditEvent(tokenRequestFacts(r), source)),
  };
}
