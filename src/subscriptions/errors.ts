import { addTranslations, defineError } from '../errors.ts';
import { SUBSCRIPTION_ERRORS_NL } from './errors-nl.ts';

/**
 * Refusals of the subscription layer. A Subscription that cannot work as written (unknown topic, endpoint not
 * allowed, bad filter) is a business-rule failure (422) at the element that is wrong, so a client fixes that field.
 */
export const SubscriptionErrors = {
  unknownTopic: defineError('BRUG_SUB_TOPIC', 'business-rule', 'Unknown subscription topic %s; this server offers %s'),
  badFilter: defineError('BRUG_SUB_FILTER', 'business-rule', 'Filter criteria "%s" cannot be used: %s'),
  badChannel: defineError('BRUG_SUB_CHANNEL', 'business-rule', '%s'),
  endpointNotAllowed: defineError('BRUG_SUB_ENDPOINT', 'business-rule', 'Notifications may not be sent to %s: %s'),
  statusNotSettable: defineError('BRUG_SUB_STATUS', 'business-rule', 'A client may set Subscription.status to requested or off, not %s: the server makes a subscription active after a successful handshake, and sets error when deliveries fail'),
  badEventRange: defineError('BRUG_SUB_EVENT_RANGE', 'invalid', '%s'),
};

addTranslations('nl', SUBSCRIPTION_ERRORS_NL);
