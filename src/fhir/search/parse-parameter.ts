import type { Filter } from '../../store/index.ts';
import { isSearchable, type SearchParameterInfo } from '../definitions/search-parameter-types.ts';
import { FhirErrors } from '../errors.ts';
import { commonParameter, ignoreOrThrow, invalidValue, overLimit, splitModifier, unknownParameter, type ParseContext } from './parse-context.ts';
import { nearFilter } from './parse-near.ts';
import { dateFilter, numberFilter, quantityFilter, referenceFilter, stringFilter, tokenFilter, uriFilter } from './parse-values.ts';
import { splitEscaped } from './split-escaped.ts';

/**
 * Chains and `_has` may nest; each level is a subquery, and a chain without a target type is tried on every type
 * it may point at, so the work grows with the power of the depth. Counted on the name before anything is parsed.
 */
function assertNesting(ctx: ParseContext, name: string): void {
  const links = name.split('.').length - 1;
  if (links > ctx.limits.maxChainDepth) throw overLimit(ctx, 'maxChainDepth', name, `a chain of ${links} links, more than ${ctx.limits.maxChainDepth}`);
  const has = name.split('_has:').length - 1;
  if (has > ctx.limits.maxHasDepth) throw overLimit(ctx, 'maxHasDepth', name, `_has nested ${has} deep, more than ${ctx.limits.maxHasDepth}`);
}

const MODIFIERS: Record<string, readonly string[]> = {
  token: ['not', 'text', 'of-type'],
  string: ['exact', 'contains'],
  reference: ['identifier'],
  date: [],
  number: [],
  quantity: [],
  uri: ['below', 'above'],
  special: [],
};

function anyOf(filters: Filter[]): Filter {
  return filters.length === 1 ? filters[0]! : { kind: 'or', filters };
}

function values(value: string): string[] {
  return splitEscaped(value, ',').filter((v) => v !== '');
}

function modifierAllowed(ctx: ParseContext, info: SearchParameterInfo, modifier: string | undefined): boolean {
  if (modifier === undefined || modifier === 'missing') return true;
  if (MODIFIERS[info.type]?.includes(modifier)) return true;
  return info.type === 'reference' && ctx.defs.allResourceTypes.has(modifier);
}

/** A filter for one parameter of one or more resource types; undefined when it is ignored (lenient handling). */
export function parseParameter(ctx: ParseContext, types: readonly string[], name: string, value: string, depth = 0): Filter | undefined {
  if (depth === 0) assertNesting(ctx, name);
  // An empty value leaves the parameter out (https://hl7.org/fhir/R4/search.html#errors).
  if (values(value).length === 0) return undefined;
  if (name.startsWith('_has:')) return parseHas(ctx, types, name, value, depth);
  if (name.includes('.')) return parseChain(ctx, types, name, value, depth);
  const [code, modifier] = splitModifier(name);
  if (code === '_id' || code === '_lastUpdated') {
    if (modifier !== undefined) return ignoreOrThrow(ctx, FhirErrors.unsupportedModifier([modifier, code], { expression: [name] }));
    if (code === '_id') return { kind: 'id', ids: values(value) };
    return anyOf(values(value).map((v) => dateFilter(name, undefined, v)));
  }
  const info = commonParameter(ctx.defs, types, code);
  if (!info) return ignoreOrThrow(ctx, unknownParameter(code, types));
  if (!isSearchable(info) || !info.table) return ignoreOrThrow(ctx, FhirErrors.unsupportedSearchParameter([code, 'it has no index here'], { expression: [name] }));
  if (!modifierAllowed(ctx, info, modifier)) return ignoreOrThrow(ctx, FhirErrors.unsupportedModifier([modifier!, code], { expression: [name] }));
  if (modifier === 'missing') {
    if (value !== 'true' && value !== 'false') throw invalidValue(name, `":missing" takes true or false, got "${value}"`);
    return { kind: 'missing', param: code, table: info.table, missing: value === 'true' };
  }
  const filters = values(value).map((v) => valueFilter(ctx, info, name, v, modifier));
  if (filters.length === 0) return undefined;
  return modifier === 'not' ? { kind: 'not', filter: anyOf(filters) } : anyOf(filters);
}

function valueFilter(ctx: ParseContext, info: SearchParameterInfo, name: string, value: string, modifier: string | undefined): Filter {
  switch (info.type) {
    case 'token':
      return tokenFilter(name, info.code, value, modifier === 'not' ? undefined : modifier);
    case 'string':
      return stringFilter(info.code, value, modifier);
    case 'uri':
      return uriFilter(info.code, value, modifier);
    case 'date':
      return dateFilter(name, info.code, value);
    case 'number':
      return numberFilter(name, info.code, value);
    case 'quantity':
      return quantityFilter(name, info.code, value);
    case 'special':
      return nearFilter(name, info.code, value);
    default:
      return referenceFilter(name, info, value, modifier, ctx.baseUrl);
  }
}

/** The code a (possibly chained or modified) parameter name starts with. */
function leadingCode(name: string): string {
  return name.startsWith('_has:') ? '_has' : name.split(/[.:]/)[0]!;
}

function knownOn(ctx: ParseContext, type: string, name: string): boolean {
  const code = leadingCode(name);
  return code === '_has' || code === '_id' || code === '_lastUpdated' || ctx.defs.searchParameter(type, code) !== undefined;
}

/**
 * `subject:Patient.name=x` or `subject.name=x` (https://hl7.org/fhir/R4/search.html#chaining): without a
 * type, every served target type that knows the chained parameter is tried.
 */
function parseChain(ctx: ParseContext, types: readonly string[], name: string, value: string, depth: number): Filter | undefined {
  const dot = name.indexOf('.');
  const [code, modifier] = splitModifier(name.slice(0, dot));
  const rest = name.slice(dot + 1);
  const info = commonParameter(ctx.defs, types, code);
  if (!info) return ignoreOrThrow(ctx, unknownParameter(code, types));
  if (info.type !== 'reference') throw invalidValue(name, `"${code}" is not a reference parameter, so it cannot be chained`);
  if (modifier !== undefined && !ctx.defs.allResourceTypes.has(modifier)) throw invalidValue(name, `"${modifier}" is not a resource type`);
  const candidates = (modifier !== undefined ? [modifier] : info.target).filter((t) => ctx.defs.isServed(t) && knownOn(ctx, t, rest));
  if (candidates.length === 0) return ignoreOrThrow(ctx, unknownParameter(name, types));
  const byFilter = new Map<string, { targetTypes: string[]; filter: Filter }>();
  for (const target of candidates) {
    const filter = parseParameter(ctx, [target], rest, value, depth + 1);
    if (!filter) return undefined;
    const key = JSON.stringify(filter);
    const group = byFilter.get(key);
    if (group) group.targetTypes.push(target);
    else byFilter.set(key, { targetTypes: [target], filter });
  }
  return anyOf([...byFilter.values()].map((g) => ({ kind: 'chain', param: code, targetTypes: g.targetTypes, filter: g.filter })));
}

/** `_has:Observation:patient:code=x` (https://hl7.org/fhir/R4/search.html#has): reverse chaining, which may nest. */
function parseHas(ctx: ParseContext, types: readonly string[], name: string, value: string, depth: number): Filter | undefined {
  const m = /^_has:([A-Za-z]+):([^:]+):(.+)$/.exec(name);
  if (!m) throw invalidValue(name, '_has takes the form _has:Type:reference-parameter:parameter');
  const [, sourceType, param, rest] = m as unknown as [string, string, string, string];
  if (!ctx.defs.isServed(sourceType)) throw invalidValue(name, `"${sourceType}" is not a resource type served here`);
  const info = ctx.defs.searchParameter(sourceType, param);
  if (!info) return ignoreOrThrow(ctx, unknownParameter(param, [sourceType]));
  if (info.type !== 'reference') throw invalidValue(name, `"${param}" is not a reference parameter of ${sourceType}`);
  if (info.target.length > 0 && !types.some((t) => info.target.includes(t))) {
    throw invalidValue(name, `${sourceType}.${param} does not refer to ${types.join(' or ')}`);
  }
  const filter = parseParameter(ctx, [sourceType], rest, value, depth + 1);
  return filter && { kind: 'has', sourceType, param, filter };
}
