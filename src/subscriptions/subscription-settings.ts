import type { Extension, Subscription } from '@medplum/fhirtypes';
import type { SubscriptionConfig } from '../config.ts';
import { BACKPORT, PAYLOAD_CONTENTS, type PayloadContent } from './backport.ts';
import { endpointRefusal } from './endpoint-allowlist.ts';
import { SubscriptionErrors } from './errors.ts';
import { parseFilterCriteria, type FilterCriterion } from './filter-criteria.ts';
import { findTopic, TOPICS, type Topic } from './topics.ts';

/** A Subscription as the worker uses it: its topic, filters and channel, checked. */
export interface SubscriptionSettings {
  readonly topic: Topic;
  readonly filters: readonly FilterCriterion[];
  readonly endpoint: string;
  readonly headers: readonly [string, string][];
  readonly content: PayloadContent;
  readonly heartbeatSeconds?: number;
  readonly timeoutSeconds: number;
  readonly maxCount: number;
}

const DEFAULT_TIMEOUT_SECONDS = 10;
const MAX_TIMEOUT_SECONDS = 60;
const DEFAULT_MAX_COUNT = 100;
const MAX_MAX_COUNT = 500;
const MIN_HEARTBEAT_SECONDS = 1;
const HEADER = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([^\r\n]*)$/;
const FORBIDDEN_HEADERS = new Set(['content-type', 'content-length', 'host', 'transfer-encoding', 'connection']);

function extensionValue(extensions: readonly Extension[] | undefined, url: string): Extension | undefined {
  return extensions?.find((e) => e.url === url);
}

function bounded(value: number | undefined, name: string, expression: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw SubscriptionErrors.badChannel([`${name} must be a whole number from ${min} to ${max}, not ${value}`], { expression: [expression] });
  }
  return value;
}

/** Reads and checks what a Subscription asks for; refuses (422, at the element) what the server cannot honour. */
export function subscriptionSettings(subscription: Subscription, config: SubscriptionConfig): SubscriptionSettings {
  const topic = findTopic(subscription.criteria ?? '');
  if (!topic) {
    throw SubscriptionErrors.unknownTopic([subscription.criteria ?? '(none)', TOPICS.map((t) => t.url).join(', ')], { expression: ['Subscription.criteria'] });
  }
  const criteriaExtensions = (subscription as { _criteria?: { extension?: Extension[] } })._criteria?.extension ?? [];
  const filters = criteriaExtensions.flatMap((e, i) =>
    e.url === BACKPORT.filterCriteria ? parseFilterCriteria(e.valueString ?? '', topic, `Subscription.criteria.extension[${i}]`) : [],
  );

  const channel = subscription.channel;
  if (channel?.type !== 'rest-hook') {
    throw SubscriptionErrors.badChannel([`Only the rest-hook channel is supported, not ${channel?.type ?? '(none)'}`], { expression: ['Subscription.channel.type'] });
  }
  const endpoint = channel.endpoint ?? '';
  const refusal = endpoint === '' ? 'a rest-hook channel needs an endpoint' : endpointRefusal(endpoint, config);
  if (refusal) throw SubscriptionErrors.endpointNotAllowed([endpoint || '(none)', refusal], { expression: ['Subscription.channel.endpoint'] });

  const headers = (channel.header ?? []).map((h, i): [string, string] => {
    const m = HEADER.exec(h);
    if (!m) throw SubscriptionErrors.badChannel([`A channel header is "Name: value", not "${h}"`], { expression: [`Subscription.channel.header[${i}]`] });
    const [, name = '', value = ''] = m;
    if (FORBIDDEN_HEADERS.has(name.toLowerCase())) throw SubscriptionErrors.badChannel([`The server sets the ${name} header itself`], { expression: [`Subscription.channel.header[${i}]`] });
    return [name, value];
  });

  if (channel.payload !== undefined && channel.payload !== 'application/fhir+json' && channel.payload !== 'application/json') {
    throw SubscriptionErrors.badChannel([`Notifications are sent as application/fhir+json, not ${channel.payload}`], { expression: ['Subscription.channel.payload'] });
  }
  const payloadExtensions = (channel as { _payload?: { extension?: Extension[] } })._payload?.extension;
  const contentCode = extensionValue(payloadExtensions, BACKPORT.payloadContent)?.valueCode ?? 'id-only';
  if (!PAYLOAD_CONTENTS.includes(contentCode as PayloadContent)) {
    throw SubscriptionErrors.badChannel([`Payload content is one of ${PAYLOAD_CONTENTS.join(', ')}, not ${contentCode}`], { expression: ['Subscription.channel.payload.extension'] });
  }

  const channelExtensions = channel.extension;
  return {
    topic,
    filters,
    endpoint,
    headers,
    content: contentCode as PayloadContent,
    heartbeatSeconds: bounded(extensionValue(channelExtensions, BACKPORT.heartbeatPeriod)?.valueUnsignedInt, 'The heartbeat period', 'Subscription.channel.extension', MIN_HEARTBEAT_SECONDS, 86_400),
    timeoutSeconds: bounded(extensionValue(channelExtensions, BACKPORT.timeout)?.valueUnsignedInt, 'The timeout', 'Subscription.channel.extension', 1, MAX_TIMEOUT_SECONDS) ?? DEFAULT_TIMEOUT_SECONDS,
    maxCount: bounded(extensionValue(channelExtensions, BACKPORT.maxCount)?.valuePositiveInt, 'The maximum count', 'Subscription.channel.extension', 1, MAX_MAX_COUNT) ?? DEFAULT_MAX_COUNT,
  };
}
