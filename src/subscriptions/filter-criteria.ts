import { SubscriptionErrors } from './errors.ts';
import type { ChangeFacts, Topic } from './topics.ts';

/** One parsed filter: the topic filter's name and the values any of which must match (comma = OR). */
export interface FilterCriterion {
  readonly name: string;
  readonly values: readonly string[];
}

/**
 * Parses a backport filter criteria string, `Task?owner=Organization/1&status=requested,accepted` (the type prefix
 * is optional). Each parameter must be a filter the topic defines; several criteria are ANDed.
 */
export function parseFilterCriteria(text: string, topic: Topic, expression: string): FilterCriterion[] {
  const refuse = (why: string) => SubscriptionErrors.badFilter([text, why], { expression: [expression] });
  let query = text.trim();
  const question = query.indexOf('?');
  if (question >= 0) {
    const type = query.slice(0, question);
    if (type !== topic.resourceType) throw refuse(`the topic is about ${topic.resourceType}, not ${type}`);
    query = query.slice(question + 1);
  }
  if (query === '') throw refuse('it names no filter');
  const criteria: FilterCriterion[] = [];
  for (const part of query.split('&')) {
    const equals = part.indexOf('=');
    if (equals <= 0) throw refuse(`"${part}" is not name=value`);
    let name: string;
    let raw: string;
    try {
      name = decodeURIComponent(part.slice(0, equals));
      raw = decodeURIComponent(part.slice(equals + 1));
    } catch {
      throw refuse(`"${part}" is not correctly URL-encoded`);
    }
    if (name.includes(':')) throw refuse(`modifiers such as "${name}" are not supported`);
    const filter = topic.filters.find((f) => f.name === name);
    if (!filter) throw refuse(`the topic has no filter "${name}"; it has ${topic.filters.map((f) => f.name).join(', ')}`);
    const values = raw.split(',').map((v) => v.trim()).filter((v) => v !== '');
    if (values.length === 0) throw refuse(`"${name}" has no value`);
    if (filter.kind === 'reference' && values.some((v) => !/^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(v))) {
      throw refuse(`"${name}" takes a relative reference such as Organization/123`);
    }
    criteria.push({ name, values });
  }
  return criteria;
}

/** Whether the change's facts meet every criterion. */
export function matchesCriteria(criteria: readonly FilterCriterion[], facts: ChangeFacts): boolean {
  return criteria.every((c) => {
    const present = facts.values[c.name] ?? [];
    return c.values.some((v) => present.includes(v));
  });
}
