import type { Reference, Subscription } from '@medplum/fhirtypes';
import type { SubscriptionConfig } from '../config.ts';
import type { WriteContext } from '../fhir/index.ts';
import type { Repository } from '../store/index.ts';
import type { SubscriptionStatusCode } from './backport.ts';
import { SubscriptionErrors } from './errors.ts';
import { isWorker } from './internal-caller.ts';
import { deleteState, saveClientState, saveWorkerStatus } from './state-rows.ts';
import { subscriptionSettings } from './subscription-settings.ts';
import { isTask, taskFacts, TOPIC_RESOURCE_TYPES } from './topics.ts';

type OrganizationOf = (repo: Repository, reference: Reference | undefined) => Promise<string | undefined>;

const CLIENT_SETTABLE: ReadonlySet<string> = new Set(['requested', 'off']);

function channelOf(s: Subscription | undefined): string {
  return JSON.stringify([s?.criteria, (s as { _criteria?: unknown } | undefined)?._criteria, s?.channel]);
}

/**
 * `storage.preWrite` on Subscription: the request must be one the server can honour (422 otherwise), and a client
 * may only ask for `requested` or `off`. A client that changes the topic, filters or channel of a live subscription
 * gets a new handshake: its status goes back to requested.
 */
export function checkSubscriptionWrite(config: SubscriptionConfig) {
  return async (ctx: WriteContext): Promise<void> => {
    if (ctx.resourceType !== 'Subscription' || !ctx.resource || isWorker(ctx.interaction)) return;
    const subscription = ctx.resource as Subscription;
    subscriptionSettings(subscription, config);
    const previous = ctx.previous as Subscription | undefined;
    const status = subscription.status;
    if (status === previous?.status && status !== undefined && !CLIENT_SETTABLE.has(status)) {
      if (channelOf(subscription) !== channelOf(previous)) ctx.resource = { ...subscription, status: 'requested' };
      return;
    }
    if (status === undefined || !CLIENT_SETTABLE.has(status)) throw SubscriptionErrors.statusNotSettable([status ?? '(none)'], { expression: ['Subscription.status'] });
  };
}

/**
 * `storage.preCommit`: in the write's own transaction, a Subscription's settings go to its state row, and a write
 * that a topic may be about goes to the outbox with the facts its filters test. Nothing is lost between commit and
 * delivery: if the transaction commits, so does its outbox row.
 */
export function recordInTransaction(config: SubscriptionConfig, organizationOf: OrganizationOf) {
  return async (ctx: WriteContext): Promise<void> => {
    if (ctx.resourceType === 'Subscription') {
      await recordSubscription(ctx, config);
      return;
    }
    if (!TOPIC_RESOURCE_TYPES.has(ctx.resourceType)) return;
    const resource = ctx.resource;
    const previous = ctx.previous;
    const task = isTask(resource) ? resource : undefined;
    const method = ctx.operation === 'create' ? 'POST' : ctx.operation === 'delete' ? 'DELETE' : ctx.operation === 'patch' ? 'PATCH' : 'PUT';
    const facts = await taskFacts(method, task, isTask(previous) ? previous : undefined, (ref) => organizationOf(ctx.tx, ref));
    const versionId = Number(resource?.meta?.versionId ?? Number(previous?.meta?.versionId ?? 0) + 1);
    await ctx.tx.sql.query(
      'INSERT INTO subscription_changes (resource_type, resource_id, version_id, method, facts, occurred_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)',
      [ctx.resourceType, ctx.id, versionId, method, JSON.stringify(facts), resource?.meta?.lastUpdated ?? new Date().toISOString()],
    );
  };
}

async function recordSubscription(ctx: WriteContext, config: SubscriptionConfig): Promise<void> {
  if (ctx.operation === 'delete' || !ctx.resource) {
    await deleteState(ctx.tx.sql, ctx.id);
    return;
  }
  const subscription = ctx.resource as Subscription;
  const versionId = Number(subscription.meta?.versionId ?? 1);
  const status = (subscription.status ?? 'requested') as SubscriptionStatusCode;
  if (isWorker(ctx.interaction)) {
    await saveWorkerStatus(ctx.tx.sql, ctx.id, versionId, status);
    return;
  }
  const principal = (ctx.interaction.bundle ?? ctx.interaction).principal;
  const owner = { clientId: principal?.clientId ?? 'unknown', organizationId: principal?.organization?.id };
  await saveClientState(ctx.tx.sql, ctx.id, versionId, owner, subscriptionSettings(subscription, config), status);
}
