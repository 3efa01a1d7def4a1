// A webhook endpoint for topic-based subscription notifications (Subscriptions R5 Backport, rest-hook): the
// scenario's systems listen with it, and the tests and the subscription benchmark use it as a real HTTP receiver.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Bundle, Parameters, ParametersParameter } from '@medplum/fhirtypes';

/** One notification-event of a notification, with the time the notification arrived here (Date.now()). */
export interface ReceivedEvent {
  readonly subscription: string;
  readonly number: number;
  readonly timestamp?: string;
  /** `<base>/Task/<id>/_history/<version>`; absent for payload `empty`. */
  readonly focus?: string;
  readonly additionalContext: readonly string[];
  readonly arrivedAt: number;
}

export interface ReceivedNotification {
  readonly bundle: Bundle;
  readonly subscription: string;
  readonly topic?: string;
  /** handshake, heartbeat, event-notification (query-status, query-event for $status and $events). */
  readonly type: string;
  readonly status?: string;
  readonly eventsSinceStart?: number;
  readonly events: readonly ReceivedEvent[];
  /** The entries after the status: fullUrl, request method and response status. */
  readonly entries: readonly { fullUrl?: string; method?: string; status?: string; hasResource: boolean }[];
  readonly headers: IncomingHttpHeaders;
  readonly arrivedAt: number;
}

function valueOf(part: ParametersParameter | undefined): string | undefined {
  if (!part) return undefined;
  return part.valueString ?? part.valueCode ?? part.valueCanonical ?? part.valueUri ?? part.valueInstant ?? part.valueReference?.reference;
}

/** Reads a notification Bundle; throws when it is not one (the receiver then answers 400 and counts it). */
export function parseNotification(bundle: Bundle, headers: IncomingHttpHeaders = {}, arrivedAt = Date.now()): ReceivedNotification {
  if (bundle.resourceType !== 'Bundle' || bundle.type !== 'history') throw new Error(`not a history Bundle: ${bundle.resourceType} ${bundle.type}`);
  const [first, ...rest] = bundle.entry ?? [];
  const status = first?.resource as Parameters | undefined;
  if (status?.resourceType !== 'Parameters') throw new Error('entry[0] is not a Parameters');
  const params = status.parameter ?? [];
  const named = (name: string): ParametersParameter | undefined => params.find((p) => p.name === name);
  const subscription = valueOf(named('subscription'));
  if (!subscription) throw new Error('no subscription parameter');
  const events = params
    .filter((p) => p.name === 'notification-event')
    .map((p): ReceivedEvent => {
      const parts = p.part ?? [];
      const part = (name: string): ParametersParameter | undefined => parts.find((x) => x.name === name);
      const number = Number(valueOf(part('event-number')));
      if (!Number.isInteger(number)) throw new Error(`event-number is not a whole number: ${valueOf(part('event-number'))}`);
      return {
        subscription,
        number,
        timestamp: valueOf(part('timestamp')),
        focus: valueOf(part('focus')),
        additionalContext: parts.filter((x) => x.name === 'additional-context').map((x) => valueOf(x) ?? ''),
        arrivedAt,
      };
    });
  const since = valueOf(named('events-since-subscription-start'));
  return {
    bundle,
    subscription,
    topic: valueOf(named('topic')),
    type: valueOf(named('type')) ?? '',
    status: valueOf(named('status')),
    eventsSinceStart: since === undefined ? undefined : Number(since),
    events,
    entries: rest.map((e) => ({ fullUrl: e.fullUrl, method: e.request?.method, status: e.response?.status, hasResource: e.resource !== undefined })),
    headers,
    arrivedAt,
  };
}

/**
 * A real HTTP endpoint on the loopback interface that records every notification it is sent and answers `answer`
 * (200 unless told otherwise; a notification answered with an error is not recorded).
 */
export class WebhookReceiver {
  readonly notifications: ReceivedNotification[] = [];
  /** Every event received, duplicates included, in arrival order. */
  readonly events: ReceivedEvent[] = [];
  /** Bodies that were not notifications (answered 400). */
  readonly rejected: string[] = [];
  /** Date.now() of the last request. */
  lastArrival = 0;
  answer = 200;
  url = '';
  private readonly path: string;
  private server?: Server;
  private waiters: (() => void)[] = [];

  constructor(path = '/hook') {
    this.path = path;
  }

  /** Listens on a random loopback port; returns the endpoint URL. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const arrivedAt = Date.now();
        this.lastArrival = arrivedAt;
        const text = Buffer.concat(chunks).toString('utf8');
        let notification: ReceivedNotification;
        try {
          if (req.method !== 'POST' || req.url?.split('?')[0] !== this.path) throw new Error(`${req.method} ${req.url}`);
          notification = parseNotification(JSON.parse(text) as Bundle, req.headers, arrivedAt);
        } catch (err) {
          this.rejected.push(`${(err as Error).message}: ${text.slice(0, 500)}`);
          res.writeHead(400).end();
          return;
        }
        const status = this.answer;
        if (status >= 200 && status < 300) {
          this.notifications.push(notification);
          this.events.push(...notification.events);
          for (const wake of this.waiters.splice(0)) wake();
        }
        res.writeHead(status).end();
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (typeof address !== 'object' || !address) throw new Error('the receiver has no port');
    this.url = `http://127.0.0.1:${address.port}${this.path}`;
    return this.url;
  }

  /** Waits until a received notification satisfies `predicate`, and returns it. */
  async waitFor(predicate: (n: ReceivedNotification) => boolean, timeoutMs = 10_000): Promise<ReceivedNotification> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.notifications.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching notification within ${timeoutMs} ms; got ${JSON.stringify(this.notifications.map((n) => [n.subscription, n.type, n.events.map((e) => e.number)]))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The notifications of one Subscription. */
  for(subscriptionId: string): ReceivedNotification[] {
    return this.notifications.filter((n) => n.subscription.endsWith(`/Subscription/${subscriptionId}`));
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A receiver already listening, at `receiver.url`. */
export async function startWebhookReceiver(path?: string): Promise<WebhookReceiver> {
  const receiver = new WebhookReceiver(path);
  await receiver.start();
  return receiver;
}
