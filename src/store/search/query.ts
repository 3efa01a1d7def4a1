/**
 * A parsed search, independent of HTTP: the FHIR layer builds it from URL parameters, the store turns it into SQL.
 * Parameter codes are the resource type's own search-parameter codes; values are already typed and normalised.
 */
export type Comparator = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';

export type Filter =
  | { kind: 'and'; filters: Filter[] }
  | { kind: 'or'; filters: Filter[] }
  | { kind: 'not'; filter: Filter }
  | { kind: 'id'; ids: string[] }
  /** Limits a multi-type (system) search per type, e.g. to AND a type's access scope only into that type. */
  | { kind: 'type'; resourceTypes: string[] }
  | { kind: 'last-updated'; comparator: Comparator; low: string; high: string }
  /** system undefined: any system; null: no system. text: match on the display/text, starts-with, normalised. */
  | { kind: 'token'; param: string; system?: string | null; code?: string; text?: string }
  | { kind: 'string'; param: string; match: 'starts-with' | 'exact' | 'contains'; value: string }
  | {
      kind: 'reference';
      param: string;
      targetTypes?: string[];
      targetId?: string;
      targetVersion?: string;
      url?: string;
      identifier?: { system?: string; value?: string };
    }
  | { kind: 'date'; param: string; comparator: Comparator; low: string; high: string }
  | { kind: 'number'; param: string; comparator: Comparator; value: string; low: string; high: string }
  | {
      kind: 'quantity';
      param: string;
      comparator: Comparator;
      value: string;
      low: string;
      high: string;
      system?: string;
      code?: string;
    }
  | { kind: 'uri'; param: string; match: 'exact' | 'below' | 'above'; value: string }
  /** Positional search: an indexed point within `distanceKm` (great-circle) of the given point. */
  | { kind: 'near'; param: string; latitude: number; longitude: number; distanceKm: number }
  | { kind: 'missing'; param: string; table: IndexTable; missing: boolean }
  /** Forward chain: resources whose `param` points at a resource of one of `targetTypes` that matches `filter`. */
  | { kind: 'chain'; param: string; targetTypes: string[]; filter: Filter }
  /** Reverse chain (_has): resources pointed at by a `sourceType` resource through `param`, where that one matches `filter`. */
  | { kind: 'has'; sourceType: string; param: string; filter: Filter };

export type IndexTable = 'token' | 'string' | 'reference' | 'date' | 'number' | 'quantity' | 'uri' | 'position';

export type SortKey =
  | { kind: 'id'; descending: boolean }
  | { kind: 'last-updated'; descending: boolean }
  | { kind: 'param'; param: string; table: IndexTable; descending: boolean };

export interface SearchQuery {
  /** One type, or several for a system-level search. */
  resourceTypes: string[];
  filter?: Filter;
  sort: SortKey[];
  count: number;
  offset: number;
  total: 'none' | 'estimate' | 'accurate';
}

export interface StoredMatch {
  resourceType: string;
  id: string;
  versionId: number;
  lastUpdated: string;
  json: string;
}

export interface SearchPage {
  matches: StoredMatch[];
  /** Whether another page exists after this one. */
  hasMore: boolean;
  total?: number;
}
