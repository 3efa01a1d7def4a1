// A webhook endpoint for topic-based subscription notifications: the scenario's social-work and GP systems listen
// with it, and the tests use it as a real HTTP receiver.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bundle, Parameters, ParametersParameter } from '@medplum/fhirtypes';

/** One notification as a receiver sees it, with the SubscriptionStatus already read out. */
export interface Received {
  readonly bundle: Bundle;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly subscription: string;
  readonly type: string;
  readonly status: string;
  readonly eventsSinceStart: number;
  readonly events: { number: number; focus?: string; context: string[] }[];
}

function value(parameters: ParametersParameter[], name: string): ParametersParameter | undefined {
  return parameters.find((p) => p.name === name);
}

export function readStatus(bundle: Bundle): Omit<Received, 'bundle' | 'headers'> {
  const status = bundle.entry?.[0]?.resource as Parameters;
  const parameters = status.parameter ?? [];
  return {
    subscription: value(parameters, 'subscription')?.valueReference?.reference ?? '',
    type: value(parameters, 'type')?.valueCode ?? '',
    status: value(parameters, 'status')?.valueCode ?? '',
    eventsSinceStart: Number(value(parameters, 'events-since-subscription-start')?.valueString),
    events: parameters
      .filter((p) => p.name === 'notification-event')
      .map((p) => ({
        number: Number(value(p.part ?? [], 'event-number')?.valueString),
        focus: value(p.part ?? [], 'focus')?.valueReference?.reference,
        context: (p.part ?? []).filter((q) => q.name === 'additional-context').map((q) => q.valueReference!.reference!),
      })),
  };
}

/** A real HTTP endpoint on loopback that records what it is sent and answers `answer` (200 unless told). */
export class WebhookReceiver {
  readonly received: Received[] = [];
  answer = 200;
  private server?: Server;
  private waiters: (() => void)[] = [];

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const status = this.answer;
        if (status >= 200 && status < 300) {
          const bundle = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Bundle;
          this.received.push({ bundle, headers: req.headers, ...readStatus(bundle) });
          for (const wake of this.waiters.splice(0)) wake();
        }
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  /** Waits until a received notification satisfies `predicate`, and returns it. */
  async waitFor(predicate: (r: Received) => boolean, timeoutMs = 10_000): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching notification within ${timeoutMs} ms; got ${JSON.stringify(this.received.map((r) => [r.subscription, r.type, r.events]))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  for(subscriptionId: string): Received[] {
    return this.received.filter((r) => r.subscription.endsWith(`/Subscription/${subscriptionId}`));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
