/**
 * A subscriber's webhook endpoint in the test process: a plain node:http server on the loopback interface that
 * answers 200 and records every notification Bundle (subscriptions backport, rest-hook) as it arrives.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

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
  readonly subscription: string;
  readonly topic?: string;
  /** handshake, heartbeat, event-notification. */
  readonly type: string;
  readonly status?: string;
  readonly eventsSinceStart?: number;
  readonly events: readonly ReceivedEvent[];
  /** The entries after the status: fullUrl, request method and response status. */
  readonly entries: readonly { fullUrl?: string; method?: string; status?: string; hasResource: boolean }[];
  readonly headers: IncomingHttpHeaders;
  readonly contentType?: string;
  readonly arrivedAt: number;
}

interface Part {
  name?: string;
  valueString?: string;
  valueCode?: string;
  valueCanonical?: string;
  valueUri?: string;
  valueInstant?: string;
  valueReference?: { reference?: string };
  part?: Part[];
}

interface NotificationBundle {
  resourceType?: string;
  type?: string;
  entry?: {
    fullUrl?: string;
    resource?: { resourceType?: string; parameter?: Part[] };
    request?: { method?: string; url?: string };
    response?: { status?: string };
  }[];
}

function valueOf(part: Part | undefined): string | undefined {
  if (!part) return undefined;
  return part.valueString ?? part.valueCode ?? part.valueCanonical ?? part.valueUri ?? part.valueInstant ?? part.valueReference?.reference;
}

/** Reads a notification Bundle; throws when it is not one (the receiver then answers 400 and counts it). */
export function parseNotification(bundle: NotificationBundle, headers: IncomingHttpHeaders, arrivedAt: number): ReceivedNotification {
  if (bundle.resourceType !== 'Bundle' || bundle.type !== 'history') throw new Error(`not a history Bundle: ${bundle.resourceType} ${bundle.type}`);
  const [first, ...rest] = bundle.entry ?? [];
  const status = first?.resource;
  if (status?.resourceType !== 'Parameters') throw new Error('entry[0] is not a Parameters');
  const params = status.parameter ?? [];
  const named = (name: string): Part | undefined => params.find((p) => p.name === name);
  const subscription = valueOf(named('subscription'));
  if (!subscription) throw new Error('no subscription parameter');
  const events = params
    .filter((p) => p.name === 'notification-event')
    .map((p): ReceivedEvent => {
      const parts = p.part ?? [];
      const part = (name: string): Part | undefined => parts.find((x) => x.name === name);
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
    subscription,
    topic: valueOf(named('topic')),
    type: valueOf(named('type')) ?? '',
    status: valueOf(named('status')),
    eventsSinceStart: since === undefined ? undefined : Number(since),
    events,
    entries: rest.map((e) => ({ fullUrl: e.fullUrl, method: e.request?.method, status: e.response?.status, hasResource: e.resource !== undefined })),
    headers,
    contentType: headers['content-type'],
    arrivedAt,
  };
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hook`. */
  readonly url: string;
  readonly notifications: ReceivedNotification[];
  /** Every event received, duplicates included, in arrival order. */
  readonly events: ReceivedEvent[];
  /** Bodies that were not notifications (answered 400). */
  readonly rejected: string[];
  /** Date.now() of the last request. */
  lastArrival: number;
  close(): Promise<void>;
}

/** Starts the receiver on a random loopback port; `onNotification` runs for each notification as it arrives. */
export async function startWebhookReceiver(options: { path?: string; onNotification?: (n: ReceivedNotification) => void } = {}): Promise<WebhookReceiver> {
  const path = options.path ?? '/hook';
  const notifications: ReceivedNotification[] = [];
  const events: ReceivedEvent[] = [];
  const rejected: string[] = [];
  const receiver = { notifications, events, rejected, lastArrival: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const arrivedAt = Date.now();
      receiver.lastArrival = arrivedAt;
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        if (req.method !== 'POST' || req.url !== path) throw new Error(`${req.method} ${req.url}`);
        const notification = parseNotification(JSON.parse(text) as NotificationBundle, req.headers, arrivedAt);
        notifications.push(notification);
        events.push(...notification.events);
        options.onNotification?.(notification);
        res.writeHead(200).end();
      } catch (err) {
        rejected.push(`${(err as Error).message}: ${text.slice(0, 500)}`);
        res.writeHead(400).end();
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the receiver has no port');
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${address.port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
