/**
 * The names the HL7 Subscriptions R5 Backport (STU 1.1) gives to what R4 lacks: extensions on Subscription, the
 * SubscriptionStatus as a Parameters profile, the notification Bundle profile and the operations.
 */
const IG = 'http://hl7.org/fhir/uv/subscriptions-backport';

export const BACKPORT = {
  subscriptionProfile: `${IG}/StructureDefinition/backport-subscription`,
  statusProfile: `${IG}/StructureDefinition/backport-subscription-status-r4`,
  notificationProfile: `${IG}/StructureDefinition/backport-subscription-notification-r4`,
  filterCriteria: `${IG}/StructureDefinition/backport-filter-criteria`,
  heartbeatPeriod: `${IG}/StructureDefinition/backport-heartbeat-period`,
  timeout: `${IG}/StructureDefinition/backport-timeout`,
  maxCount: `${IG}/StructureDefinition/backport-max-count`,
  payloadContent: `${IG}/StructureDefinition/backport-payload-content`,
  topicCanonical: `${IG}/StructureDefinition/capabilitystatement-subscriptiontopic-canonical`,
  statusOperation: `${IG}/OperationDefinition/backport-subscription-status`,
  eventsOperation: `${IG}/OperationDefinition/backport-subscription-events`,
} as const;

export type PayloadContent = 'empty' | 'id-only' | 'full-resource';
export const PAYLOAD_CONTENTS: readonly PayloadContent[] = ['empty', 'id-only', 'full-resource'];

export type NotificationType = 'handshake' | 'heartbeat' | 'event-notification' | 'query-status' | 'query-event';

/** Subscription.status in R4; `requested` until the handshake succeeds. */
export type SubscriptionStatusCode = 'requested' | 'active' | 'error' | 'off';
