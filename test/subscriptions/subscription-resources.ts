import type { Subscription } from '@medplum/fhirtypes';
import { FEEDBACK_TOPIC, subscriptionResource, TASK_TOPIC } from '../../scripts/scenario/subscribe.ts';

export { FEEDBACK_TOPIC, TASK_TOPIC };

export interface SubscriptionOptions {
  topic?: string;
  filters?: string[];
  content?: 'empty' | 'id-only' | 'full-resource';
  heartbeat?: number;
  headers?: string[];
  status?: Subscription['status'];
}

/** A Subscription as a social-work or GP system would send it, with a secret header the receiver checks. */
export function subscription(endpoint: string, options: SubscriptionOptions = {}): Subscription {
  return subscriptionResource({
    topic: options.topic ?? TASK_TOPIC,
    endpoint,
    filters: options.filters,
    payload: options.content,
    heartbeatSeconds: options.heartbeat,
    headers: options.headers ?? ['Authorization: Bearer receiver-secret'],
    status: options.status,
    reason: 'Test subscription',
  });
}
