import type { SearchQuery, SortKey } from '../../store/index.ts';
import { FhirErrors } from '../errors.ts';
import { commonParameter, ignoreOrThrow, invalidValue, overLimit, unknownParameter, type ParseContext } from './parse-context.ts';

/** The parameters that shape the result rather than select it (https://hl7.org/fhir/R4/search.html#return). */

export type SummaryMode = 'true' | 'text' | 'data' | 'count' | 'false';

export interface IncludeRequest {
  /** The type whose references are followed (_include), or the type that holds the references (_revinclude). */
  sourceType: string;
  /** Undefined for `*`: every reference parameter. */
  param?: string;
  targetType?: string;
  iterate: boolean;
}

const SUMMARY_MODES: readonly SummaryMode[] = ['true', 'text', 'data', 'count', 'false'];
const TOTAL_MODES: readonly SearchQuery['total'][] = ['none', 'estimate', 'accurate'];

function wholeNumber(name: string, value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw invalidValue(name, `expected a whole number of 0 or more, got "${value}"`);
  return Number(value);
}

/** `_count`: 0 asks for the total only; more than the maximum is quietly capped, as the spec allows. */
export function parseCount(value: string, maxPageSize: number): number {
  return Math.min(wholeNumber('_count', value), maxPageSize);
}

export function parseOffset(value: string): number {
  return wholeNumber('_offset', value);
}

export function parseTotal(value: string): SearchQuery['total'] {
  if (!TOTAL_MODES.includes(value as SearchQuery['total'])) throw invalidValue('_total', `expected none, estimate or accurate, got "${value}"`);
  return value as SearchQuery['total'];
}

export function parseSummary(value: string): SummaryMode {
  if (!SUMMARY_MODES.includes(value as SummaryMode)) throw invalidValue('_summary', `expected true, text, data, count or false, got "${value}"`);
  return value as SummaryMode;
}

export function parseElements(value: string): string[] {
  return value.split(',').map((e) => e.trim()).filter((e) => e !== '');
}

/** Each sort key is a join and an ORDER BY term: their number is bounded, and a key twice is a mistake, never a need. */
function sortCodes(ctx: ParseContext, value: string): string[] {
  const raws = value.split(',').map((k) => k.trim()).filter((k) => k !== '');
  if (raws.length > ctx.limits.maxSortKeys) throw overLimit(ctx, 'maxSortKeys', '_sort', `${raws.length} sort keys, more than ${ctx.limits.maxSortKeys}`);
  const seen = new Set<string>();
  for (const raw of raws) {
    const code = raw.replace(/^-/, '');
    if (seen.has(code)) throw invalidValue('_sort', `sorts on "${code}" twice`);
    seen.add(code);
  }
  return raws;
}

/** `_sort=-date,name,_id`: several keys, `-` for descending. Ties are always broken on type and id by the store. */
export function parseSort(ctx: ParseContext, types: readonly string[], value: string): SortKey[] {
  const keys: SortKey[] = [];
  for (const raw of sortCodes(ctx, value)) {
    const descending = raw.startsWith('-');
    const code = descending ? raw.slice(1) : raw;
    if (code === '_id') keys.push({ kind: 'id', descending });
    else if (code === '_lastUpdated') keys.push({ kind: 'last-updated', descending });
    else {
      const info = commonParameter(ctx.defs, types, code);
      if (!info) ignoreOrThrow(ctx, unknownParameter(code, types));
      else if (!info.table || !info.expression || info.table === 'position') ignoreOrThrow(ctx, FhirErrors.unsupportedSearchParameter([code, 'it cannot be sorted on'], { expression: ['_sort'] }));
      else keys.push({ kind: 'param', param: code, table: info.table, descending });
    }
  }
  return keys;
}

/**
 * `_include=Type:param[:Target]`, `Type:*` or `*`, and the same for `_revinclude`; `:iterate` (or the
 * older `:recurse`) follows the included resources too (https://hl7.org/fhir/R4/search.html#include).
 */
export function parseInclude(ctx: ParseContext, name: string, value: string, searchedTypes: readonly string[]): IncludeRequest[] | undefined {
  const [, modifier] = name.split(':');
  if (modifier !== undefined && modifier !== 'iterate' && modifier !== 'recurse') {
    return ignoreOrThrow(ctx, FhirErrors.unsupportedModifier([modifier, name.split(':')[0]!], { expression: [name] }));
  }
  const iterate = modifier !== undefined;
  const reverse = name.startsWith('_revinclude');
  if (value === '*') {
    if (reverse) return ignoreOrThrow(ctx, FhirErrors.unsupportedSearchParameter([`${name}=*`, 'name the referring type'], { expression: [name] }));
    return searchedTypes.map((sourceType) => ({ sourceType, iterate }));
  }
  const [sourceType, param, targetType, extra] = value.split(':');
  if (!sourceType || !param || extra !== undefined) throw invalidValue(name, `expected Type:parameter[:TargetType], got "${value}"`);
  if (!ctx.defs.isServed(sourceType)) return ignoreOrThrow(ctx, FhirErrors.unsupportedSearchParameter([`${name}=${value}`, `${sourceType} is not served here`], { expression: [name] }));
  if (targetType !== undefined && !ctx.defs.isServed(targetType)) return ignoreOrThrow(ctx, FhirErrors.unsupportedSearchParameter([`${name}=${value}`, `${targetType} is not served here`], { expression: [name] }));
  if (param === '*') return [{ sourceType, targetType, iterate }];
  const info = ctx.defs.searchParameter(sourceType, param);
  if (!info) return ignoreOrThrow(ctx, unknownParameter(param, [sourceType]));
  if (info.type !== 'reference') throw invalidValue(name, `"${param}" is not a reference parameter of ${sourceType}`);
  return [{ sourceType, param, targetType, iterate }];
}
