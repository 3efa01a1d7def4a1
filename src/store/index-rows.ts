/** Search-index values computed from a resource at write time, one list per search-parameter type. */
export interface TokenRow { param: string; system: string | null; code: string | null; text: string | null }
export interface StringRow { param: string; value: string }
export interface ReferenceRow {
  param: string;
  targetType: string | null;
  targetId: string | null;
  targetVersion: string | null;
  /** Absolute or canonical URL when the reference is not to a local resource. */
  url: string | null;
  identifierSystem: string | null;
  identifierValue: string | null;
}
/** An inclusive time range in ISO 8601 (UTC), open ends as null. */
export interface DateRow { param: string; low: string | null; high: string | null }
export interface NumberRow { param: string; value: string; low: string; high: string }
export interface QuantityRow extends NumberRow { system: string | null; code: string | null; unit: string | null }
export interface UriRow { param: string; value: string }
/** A point on the earth (WGS84 degrees), for positional search (`near`). */
export interface PositionRow { param: string; latitude: number; longitude: number }

export interface IndexRows {
  token: TokenRow[];
  string: StringRow[];
  reference: ReferenceRow[];
  date: DateRow[];
  number: NumberRow[];
  quantity: QuantityRow[];
  uri: UriRow[];
  position: PositionRow[];
}

export function emptyIndexRows(): IndexRows {
  return { token: [], string: [], reference: [], date: [], number: [], quantity: [], uri: [], position: [] };
}

/** Folds case and strips accents, so "Müller" is found by "muller": the R4 rule for string search. */
export function normalizeString(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
