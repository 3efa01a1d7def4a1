/**
 * A subscriber's side of the Subscriptions R5 Backport for R4 (rest-hook): the Subscription resource it posts and
 * the wait until the server's handshake has made it active.
 */
import { FEEDBACK_TOPIC, subscriptionResource, TASK_TOPIC } from '../../scripts/scenario/subscribe.ts';
import type { FhirClient } from './referral-load.ts';

export const TOPIC = { verwijzingstaak: TASK_TOPIC, terugkoppeling: FEEDBACK_TOPIC } as const;

/** As the shared builder takes it, with one filter. */
export interface SubscriptionRequest extends Omit<Parameters<typeof subscriptionResource>[0], 'filters'> {
  /** `Task?owner=Organization/x`. */
  readonly filter?: string;
}

/** Posts the Subscription and returns its id; throws with the server's answer when refused. */
export async function subscribe(client: FhirClient, request: SubscriptionRequest): Promise<string> {
  const res = await client.request('POST', 'Subscription', subscriptionResource({ heartbeatSeconds: 60, timeoutSeconds: 10, maxCount: 20, headers: ['Authorization: Bearer secret'], ...request, filters: request.filter ? [request.filter] : [] }));
  if (res.status !== 201) throw new Error(`Subscription refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Waits until the Subscription has `status` (after the handshake: active). */
export async function waitForSubscriptionStatus(client: FhirClient, id: string, status: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const res = await client.request('GET', `Subscription/${id}`);
    last = res.status === 200 ? String(res.body.status) : `HTTP ${res.status}`;
    if (last === status) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Subscription/${id} did not become ${status} within ${timeoutMs} ms (it is ${last})`);
}
