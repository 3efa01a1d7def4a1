/**
 * The engine hooks that record interactions. A write is recorded in `storage.preCommit`, inside its own transaction,
 * so a rolled-back write leaves no entry and a committed one always has one. Everything else (reads, searches,
 * operations, Bundles as a whole, failed and refused interactions) is recorded in `interaction.completed`.
 */
import type { FastifyInstance } from 'fastify';
import type { CompletedContext, InteractionContext, WriteContext } from '../../fhir/index.ts';
import { EVENT_TYPE, INTERACTION_ACTION, interactionSubtype, outcomeForStatus } from './audit-codes.ts';
import type { AuditActor, AuditSource } from './audit-event.ts';
import { describeError } from './describe-error.ts';
import { interactionEntities, writeEntities } from './interaction-entities.ts';
import type { AccessEventWriter } from './access-event-writer.ts';
import { appendAuditRows } from './log/append-rows.ts';
import { rowOfFacts, type AuditRow } from './log/audit-row.ts';
import '../principal.ts';

function actorOf(interaction: InteractionContext): AuditActor {
  const p = interaction.principal;
  return { clientId: p?.clientId, organization: p?.organization, role: p?.role, practitioner: p?.practitioner, tokenId: p?.tokenId, ip: interaction.ip };
}

function writeEvent(ctx: WriteContext, source: AuditSource): AuditRow {
  return rowOfFacts(
    {
      type: EVENT_TYPE.rest,
      subtype: interactionSubtype(ctx.interaction.interaction),
      action: INTERACTION_ACTION[ctx.interaction.interaction],
      recorded: new Date().toISOString(),
      outcome: '0',
      actor: actorOf(ctx.interaction),
      entities: writeEntities(ctx),
    },
    source.baseUrl,
  );
}

function completedEvent(ctx: CompletedContext, source: AuditSource): AuditRow {
  const now = Date.now();
  return rowOfFacts(
    {
      type: EVENT_TYPE.rest,
      subtype: interactionSubtype(ctx.interaction.interaction),
      action: INTERACTION_ACTION[ctx.interaction.interaction],
      recorded: new Date(now).toISOString(),
      started: new Date(now - Math.round(ctx.durationMs)).toISOString(),
      outcome: outcomeForStatus(ctx.status),
      outcomeDesc: ctx.error === undefined ? undefined : describeError(ctx.error),
      actor: actorOf(ctx.interaction),
      entities: interactionEntities(ctx),
    },
    source.baseUrl,
  );
}

export function registerAuditHooks(app: FastifyInstance, source: AuditSource, accessEvents: AccessEventWriter): void {
  // A failed batch entry's own transaction rolls back; its event waits for the batch's and is written with it.
  const failedBatchEntries = new WeakMap<InteractionContext, AuditRow[]>();

  app.fhirHooks.on(
    'storage.preCommit',
    async (ctx) => {
      await appendAuditRows(ctx.tx.sql, [writeEvent(ctx, source)]);
    },
    { name: 'security.audit', order: 1000 },
  );

  app.fhirHooks.on(
    'interaction.completed',
    async (ctx) => {
      const { interaction } = ctx;
      // The public CapabilityStatement (SMART discovery) is nobody's access to anything.
      if (interaction.principal === undefined && interaction.interaction === 'capabilities') return;
      const failed = ctx.error !== undefined;
      // A write's preCommit (above) has recorded it already.
      if (!failed && (interaction.writes?.count ?? 0) > 0) return;
      const bundle = interaction.bundle;
      // Rolled back with the transaction, whose own event records that it failed and why.
      if (failed && bundle?.interaction === 'transaction') return;
      const event = completedEvent(ctx, source);
      if (failed && bundle?.interaction === 'batch') {
        failedBatchEntries.set(bundle, [...(failedBatchEntries.get(bundle) ?? []), event]);
        return;
      }
      const events = [...(failedBatchEntries.get(interaction) ?? []), event];
      failedBatchEntries.delete(interaction);
      // Inside a Bundle the entry's transaction is open: the event joins it (and commits or rolls back with it).
      if (bundle) await ctx.repo.transaction((tx) => appendAuditRows(tx.sql, events));
      else for (const e of events) await accessEvents.write(e);
    },
    { name: 'security.audit', order: 1000 },
  );
}
