import type { IndexTable } from '../../store/index.ts';

/** A search parameter as it applies to one resource type: the expression is reduced to that type's branch. */
export interface SearchParameterInfo {
  readonly code: string;
  readonly url: string;
  readonly type: 'number' | 'date' | 'string' | 'token' | 'reference' | 'composite' | 'quantity' | 'uri' | 'special';
  readonly resourceType: string;
  /** FHIRPath for this resource type only; undefined for parameters with no expression (_text, _content, _query). */
  readonly expression?: string;
  readonly target: readonly string[];
  readonly description?: string;
  /** The index table its values live in; undefined when the parameter is not indexed (composite, special). */
  readonly table?: IndexTable;
}

export const TABLE_FOR_TYPE: Partial<Record<SearchParameterInfo['type'], IndexTable>> = {
  number: 'number',
  date: 'date',
  string: 'string',
  token: 'token',
  reference: 'reference',
  quantity: 'quantity',
  uri: 'uri',
};

/**
 * The table of a parameter: by its type, and for `special` only the positional search the spec defines
 * (https://hl7.org/fhir/R4/location.html#positional), whose values are points; other special parameters stay unindexed.
 */
export function tableFor(type: SearchParameterInfo['type'], code: string): IndexTable | undefined {
  if (type === 'special') return code === 'near' ? 'position' : undefined;
  return TABLE_FOR_TYPE[type];
}

/**
 * Whether a search on the parameter can be answered: it needs an index table and an expression to fill it (so `_text`,
 * `_content` and `_query`, which R4 defines without one, cannot). The search parser refuses the rest, and the
 * CapabilityStatement lists only these.
 */
export function isSearchable(info: SearchParameterInfo): boolean {
  return info.code === '_id' || info.code === '_lastUpdated' || (info.table !== undefined && info.expression !== undefined);
}
