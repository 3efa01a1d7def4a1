import type { Comparator, Filter } from '../../store/index.ts';
import type { SearchParameterInfo } from '../definitions/search-parameter-types.ts';
import { dateRange } from './date-range.ts';
import { decimalRange } from './decimal-range.ts';
import { invalidValue } from './parse-context.ts';
import { referenceTarget } from './reference-target.ts';
import { splitEscaped, unescapeValue } from './split-escaped.ts';

/** Turns one value (one of a comma-separated list) of a typed parameter into a filter. */

const COMPARATORS = new Set<Comparator>(['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap']);
const ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** `ge2020` → ['ge', '2020']; no prefix means eq (https://hl7.org/fhir/R4/search.html#prefix). */
export function splitPrefix(name: string, value: string): [Comparator, string] {
  const m = /^([a-z]{2})(.*)$/.exec(value);
  if (!m) return ['eq', value];
  if (!COMPARATORS.has(m[1] as Comparator)) throw invalidValue(name, `unknown prefix "${m[1]}" in "${value}"; use one of eq, ne, gt, lt, ge, le, sa, eb, ap`);
  return [m[1] as Comparator, m[2]!];
}

export function tokenFilter(name: string, param: string, value: string, modifier?: string): Filter {
  if (modifier === 'text') return { kind: 'token', param, text: unescapeValue(value) };
  const parts = splitEscaped(value, '|').map(unescapeValue);
  if (modifier === 'of-type') {
    if (parts.length !== 3 || !parts[1] || !parts[2]) throw invalidValue(name, `":of-type" needs "type-system|type-code|value", got "${value}"`);
    return { kind: 'token', param: `${param}:of-type`, system: `${parts[0]}|${parts[1]}`, code: parts[2] };
  }
  if (parts.length === 1) return { kind: 'token', param, code: parts[0] };
  if (parts.length !== 2) throw invalidValue(name, `a token is "code", "system|code", "|code" or "system|", got "${value}"`);
  const [system, code] = parts as [string, string];
  if (system === '') return { kind: 'token', param, system: null, code };
  return code === '' ? { kind: 'token', param, system } : { kind: 'token', param, system, code };
}

export function stringFilter(param: string, value: string, modifier?: string): Filter {
  const match = modifier === 'exact' ? 'exact' : modifier === 'contains' ? 'contains' : 'starts-with';
  return { kind: 'string', param, match, value: unescapeValue(value) };
}

export function uriFilter(param: string, value: string, modifier?: string): Filter {
  const match = modifier === 'below' ? 'below' : modifier === 'above' ? 'above' : 'exact';
  return { kind: 'uri', param, match, value: unescapeValue(value) };
}

export function dateFilter(name: string, param: string | undefined, raw: string): Filter {
  const [comparator, value] = splitPrefix(name, raw);
  const range = dateRange(value);
  if (!range) throw invalidValue(name, `"${value}" is not a date; use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss[.sss]][Z|±hh:mm]`);
  return param === undefined ? { kind: 'last-updated', comparator, ...range } : { kind: 'date', param, comparator, ...range };
}

export function numberFilter(name: string, param: string, raw: string): Filter {
  const [comparator, value] = splitPrefix(name, raw);
  const range = decimalRange(value);
  if (!range) throw invalidValue(name, `"${value}" is not a number`);
  return { kind: 'number', param, comparator, ...range };
}

/** `[prefix]number[|system|code]`; an empty system matches any system, and the code also matches the unit. */
export function quantityFilter(name: string, param: string, raw: string): Filter {
  const parts = splitEscaped(raw, '|').map(unescapeValue);
  if (parts.length !== 1 && parts.length !== 3) throw invalidValue(name, `a quantity is "number" or "number|system|code", got "${raw}"`);
  const [comparator, value] = splitPrefix(name, parts[0]!);
  const range = decimalRange(value);
  if (!range) throw invalidValue(name, `"${value}" is not a number`);
  const filter: Filter = { kind: 'quantity', param, comparator, ...range };
  if (parts[1]) filter.system = parts[1];
  if (parts[2]) filter.code = parts[2];
  return filter;
}

/** Reference values: `Type/id`, `id` (with `:Type`), our own absolute URLs, other URLs, or `:identifier`. */
export function referenceFilter(name: string, info: SearchParameterInfo, raw: string, modifier: string | undefined, baseUrl: string): Filter {
  const param = info.code;
  const value = unescapeValue(raw);
  if (modifier === 'identifier') {
    const parts = splitEscaped(raw, '|').map(unescapeValue);
    if (parts.length > 2) throw invalidValue(name, `":identifier" needs "system|value", got "${raw}"`);
    const [system, code] = parts.length === 2 ? parts : [undefined, parts[0]];
    return { kind: 'reference', param, identifier: { ...(system ? { system } : {}), ...(code ? { value: code } : {}) } };
  }
  const target = referenceTarget(value, baseUrl);
  if (target?.kind === 'url') return { kind: 'reference', param, url: target.url };
  if (target?.kind === 'local') {
    if (modifier !== undefined && modifier !== target.type) throw invalidValue(name, `"${value}" is not a ${modifier}`);
    const filter: Filter = { kind: 'reference', param, targetTypes: [target.type], targetId: target.id };
    if (target.version !== undefined) filter.targetVersion = target.version;
    return filter;
  }
  if (!ID.test(value)) throw invalidValue(name, `"${value}" is not a reference: use Type/id, an id or an absolute URL`);
  return modifier === undefined ? { kind: 'reference', param, targetId: value } : { kind: 'reference', param, targetTypes: [modifier], targetId: value };
}
