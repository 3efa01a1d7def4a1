/**
 * Topic-based subscriptions (HL7 Subscriptions R5 Backport for R4): social-work systems learn of the referral Tasks
 * addressed to them, and practices of the feedback on their referrals, without polling. Notified pull: by default a
 * notification names what changed, and the receiver reads it with its own token.
 *
 * A write that a topic may be about leaves an outbox row in its own transaction; a delivery worker turns rows into
 * numbered events per subscription (only where the subscriber may read the resource) and posts them, at least once.
 */
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { organizationOf, type Principal } from '../fhir/index.ts';
import { migrate, type Database } from '../store/index.ts';
import { readAs } from './read-as.ts';
import { BACKPORT } from './backport.ts';
import { DeliveryWorker } from './delivery-worker.ts';
import type { DeliveryDependencies } from './delivery.ts';
import { SUBSCRIPTION_MIGRATIONS } from './migrations.ts';
import type { StateRow } from './state-rows.ts';
import { eventsOperation, statusOperation } from './status-operations.ts';
import { statusWriter } from './status-writer.ts';
import { SubscriptionList } from './subscription-list.ts';
import { TOPICS, TOPIC_RESOURCE_TYPES } from './topics.ts';
import { checkSubscriptionWrite, recordInTransaction } from './write-hooks.ts';

export { TOPICS } from './topics.ts';
export { SUBSCRIPTION_MIGRATIONS } from './migrations.ts';
export { BACKPORT } from './backport.ts';
export { subscriptionBacklog, type SubscriptionBacklog } from './backlog.ts';
export type { DeliveryOutcome } from './delivery.ts';

export interface SubscriptionsOptions {
  readonly db: Database;
  readonly config: Config;
  /** Told of every delivery attempt's outcome (the metrics). */
  readonly onDelivery?: DeliveryDependencies['onOutcome'];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The delivery worker of this instance (undefined when SUBSCRIPTION_WORKER is false). */
    subscriptionWorker?: DeliveryWorker;
  }
}

const subscriptionsPlugin: FastifyPluginAsync<SubscriptionsOptions> = async (app, { db, config, onDelivery }) => {
  await migrate(db, SUBSCRIPTION_MIGRATIONS);
  const settings = config.subscriptions;
  app.fhirHooks.on('storage.preWrite', checkSubscriptionWrite(settings), { name: 'subscriptions.check', order: 60 });
  app.fhirHooks.on('storage.preCommit', recordInTransaction(settings, organizationOf), { name: 'subscriptions.outbox' });
  app.fhirOperations.register(statusOperation(db, config.baseUrl));
  app.fhirOperations.register(eventsOperation(db, config.baseUrl, readAs(app)));
  app.fhirCapabilities.contribute((statement) => {
    for (const rest of statement.rest ?? []) {
      const subscription = rest.resource?.find((r) => r.type === 'Subscription');
      if (!subscription) continue;
      subscription.supportedProfile = [...(subscription.supportedProfile ?? []), BACKPORT.subscriptionProfile];
      subscription.extension = [...(subscription.extension ?? []), ...TOPICS.map((t) => ({ url: BACKPORT.topicCanonical, valueCanonical: t.url }))];
      subscription.documentation = [
        'Topic-based subscriptions (HL7 Subscriptions R5 Backport), rest-hook channel, payload empty, id-only (default) or full-resource. Topics:',
        ...TOPICS.map((t) => `${t.url}: ${t.description} Filters: ${t.filters.map((f) => f.name).join(', ')}.`),
      ].join('\n');
    }
  });

  if (!settings.worker) return;
  // Deliveries are read as the subscriber, while its client is active, and audited as this subscription's.
  const principalFor = (state: StateRow): Promise<Principal | undefined> => app.fhirPrincipals.of(state.client_id, `subscription:${state.id}`);
  const log = app.log.child({ component: 'subscriptions' });
  const subscriptionList = new SubscriptionList(db, principalFor, settings.pollMs);
  const worker = new DeliveryWorker(
    { engine: app.fhirEngine, log, subscriptions: subscriptionList },
    { db, config: settings, baseUrl: config.baseUrl, log, principalFor, readAs: readAs(app), setStatus: statusWriter(app), ...(onDelivery ? { onOutcome: onDelivery } : {}) },
    settings.pollMs,
  );
  app.decorate('subscriptionWorker', worker);
  app.fhirHooks.on(
    'storage.postCommit',
    async (ctx) => {
      if (ctx.resourceType === 'Subscription') subscriptionList.invalidate();
      if (TOPIC_RESOURCE_TYPES.has(ctx.resourceType) || ctx.resourceType === 'Subscription') worker.wake();
    },
    { name: 'subscriptions.wake' },
  );
  app.addHook('onReady', async () => worker.start());
  app.addHook('preClose', async () => worker.stop());
};

export const subscriptions = fp(subscriptionsPlugin, { name: 'brug-subscriptions', fastify: '5.x', dependencies: ['brug-fhir', 'brug-security'] });
