import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { Filter, SearchQuery } from '../../store/index.ts';
import type { FhirDefinitions } from '../definitions/load-definitions.ts';
import type { EngineConfig } from '../engine.ts';
import { DEFAULT_LIMITS, type FhirLimits } from '../limits.ts';
import { ignoreOrThrow, invalidValue, overLimit, unknownParameter, type ParseContext } from './parse-context.ts';
import { parseParameter } from './parse-parameter.ts';
import {
  parseCount,
  parseElements,
  parseInclude,
  parseOffset,
  parseSort,
  parseSummary,
  parseTotal,
  type IncludeRequest,
  type SummaryMode,
} from './parse-result-params.ts';

export type { IncludeRequest, SummaryMode } from './parse-result-params.ts';

/** A search as the runner needs it: the store query plus what shapes the Bundle. */
export interface ParsedSearch {
  query: SearchQuery;
  include: IncludeRequest[];
  revinclude: IncludeRequest[];
  summary?: SummaryMode;
  elements?: string[];
  /** Parameters left out under lenient handling, as issues for the outcome entry. */
  warnings: OperationOutcomeIssue[];
  /** The parameters that took effect, in request order, without `_count` and `_offset` (the paging links add those). */
  linkParams: [string, string][];
}

export interface SearchParseOptions {
  defs: FhirDefinitions;
  config: Pick<EngineConfig, 'baseUrl' | 'defaultPageSize' | 'maxPageSize'> & { readonly limits?: FhirLimits };
  /** Undefined for a system-level search: every served type, narrowed by `_type`. */
  resourceTypes?: readonly string[];
  strict: boolean;
}

/** Not search parameters at all: content negotiation, handled by the HTTP layer. */
const IGNORED = new Set(['_format', '_pretty']);

function searchedTypes(ctx: ParseContext, pairs: readonly [string, string][], resourceTypes: readonly string[] | undefined): string[] {
  if (resourceTypes !== undefined) return [...resourceTypes];
  const named = pairs.filter(([k]) => k === '_type').flatMap(([, v]) => v.split(',').map((t) => t.trim()).filter((t) => t !== ''));
  if (named.length === 0) return [...ctx.defs.servedTypes];
  for (const type of named) if (!ctx.defs.isServed(type)) throw invalidValue('_type', `"${type}" is not a resource type served here`);
  return [...new Set(named)];
}

interface Draft {
  filters: Filter[];
  parsed: ParsedSearch;
  totalGiven: boolean;
}

/** Handles one pair; false when it had no effect (so it stays out of the links). */
function applyPair(ctx: ParseContext, draft: Draft, types: string[], [name, value]: [string, string]): boolean {
  const { parsed } = draft;
  switch (name) {
    case '_type':
      // Already applied by searchedTypes; kept for the links.
      return true;
    case '_sort':
      parsed.query.sort = parseSort(ctx, types, value);
      return parsed.query.sort.length > 0;
    case '_total':
      parsed.query.total = parseTotal(value);
      draft.totalGiven = true;
      return true;
    case '_summary':
      parsed.summary = parseSummary(value);
      return true;
    case '_elements':
      parsed.elements = parseElements(value);
      return parsed.elements.length > 0;
  }
  if (INCLUDE.test(name)) {
    const requests = parseInclude(ctx, name, value, types);
    if (!requests) return false;
    (name.startsWith('_revinclude') ? parsed.revinclude : parsed.include).push(...requests);
    return true;
  }
  const filter = parseParameter(ctx, types, name, value);
  if (filter) draft.filters.push(filter);
  return filter !== undefined;
}

const INCLUDE = /^_(rev)?include(:|$)/;

/** Values of one parameter: commas separate them, `\,` is a comma inside a value. */
function countValues(value: string): number {
  let n = 1;
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) === 0x5c) i++;
    else if (value.charCodeAt(i) === 0x2c) n++;
  }
  return n;
}

/** Counts the parameters before any is parsed: each one may become a join, and includes a query per page. */
function assertWithinLimits(ctx: ParseContext, pairs: readonly [string, string][]): void {
  const repeats = new Map<string, number>();
  let includes = 0;
  for (const [name, value] of pairs) {
    const count = (repeats.get(name) ?? 0) + 1;
    repeats.set(name, count);
    if (count > ctx.limits.maxParameterRepeats) throw overLimit(ctx, 'maxParameterRepeats', name, `repeated more than ${ctx.limits.maxParameterRepeats} times`);
    // Each comma-separated value is one more OR in the SQL; thousands of them nest deeper than PostgreSQL allows.
    if (countValues(value) > ctx.limits.maxParameterValues) throw overLimit(ctx, 'maxParameterValues', name, `more than ${ctx.limits.maxParameterValues} comma-separated values`);
    if (INCLUDE.test(name) && value !== '' && ++includes > ctx.limits.maxIncludes) {
      throw overLimit(ctx, 'maxIncludes', name, `more than ${ctx.limits.maxIncludes} _include and _revinclude values`);
    }
  }
}

/**
 * Turns query pairs into a store query (https://hl7.org/fhir/R4/search.html). Commas OR the values of one
 * parameter; repeating a parameter ANDs them. Malformed values always fail with 400; unknown parameters and
 * modifiers fail only under strict handling and are otherwise reported as warnings.
 */
export function parseSearch(pairs: readonly [string, string][], options: SearchParseOptions): ParsedSearch {
  const { defs, config, strict } = options;
  const ctx: ParseContext = { defs, baseUrl: config.baseUrl, strict, warnings: [], limits: config.limits ?? DEFAULT_LIMITS };
  assertWithinLimits(ctx, pairs);
  const system = options.resourceTypes === undefined;
  const types = searchedTypes(ctx, pairs, options.resourceTypes);
  let count = config.defaultPageSize;
  let offset = 0;
  const parsed: ParsedSearch = {
    query: { resourceTypes: types, sort: [], count, offset, total: 'none' },
    include: [],
    revinclude: [],
    warnings: ctx.warnings,
    linkParams: [],
  };
  const draft: Draft = { filters: [], parsed, totalGiven: false };
  for (const pair of pairs) {
    const [name, value] = pair;
    // An empty value leaves the parameter out (https://hl7.org/fhir/R4/search.html#errors).
    if (IGNORED.has(name) || value === '') continue;
    if (name === '_count') count = parseCount(value, config.maxPageSize);
    else if (name === '_offset') offset = parseOffset(value);
    else if (name === '_type' && !system) ignoreOrThrow(ctx, unknownParameter('_type', types));
    else if (applyPair(ctx, draft, types, pair)) parsed.linkParams.push(pair);
  }
  // Asking for no entries is asking for the total.
  if (parsed.summary === 'count') [count, parsed.query.total] = [0, 'accurate'];
  if (count === 0 && !draft.totalGiven) parsed.query.total = 'accurate';
  parsed.query.count = count;
  parsed.query.offset = offset;
  if (draft.filters.length > 0) parsed.query.filter = draft.filters.length === 1 ? draft.filters[0] : { kind: 'and', filters: draft.filters };
  return parsed;
}
