import { buildFilter, buildIdSet, INDEX_TABLES, leafOf, type Leaf } from './build-filter.ts';
import type { Filter, SearchQuery, SortKey } from './query.ts';
import { SqlParams } from './sql-params.ts';

export interface BuiltSearch {
  select: { text: string; values: unknown[] };
  count?: { text: string; values: unknown[] };
}

const SORT_COLUMN: Record<string, { asc: string; desc: string }> = {
  token: { asc: 'code', desc: 'code' },
  string: { asc: 'value_norm', desc: 'value_norm' },
  reference: { asc: 'target_id', desc: 'target_id' },
  // The spec sorts a range on its lowest value ascending and its highest value descending.
  date: { asc: 'low', desc: 'high' },
  number: { asc: 'value', desc: 'value' },
  quantity: { asc: 'value', desc: 'value' },
  uri: { asc: 'value', desc: 'value' },
  // Sorting by distance is not supported (the parser refuses _sort on a positional parameter); kept for completeness.
  position: { asc: 'latitude', desc: 'latitude' },
};

function sortExpression(key: SortKey, params: SqlParams): string {
  const direction = key.descending ? 'DESC' : 'ASC';
  if (key.kind === 'id') return `r.id ${direction}`;
  if (key.kind === 'last-updated') return `r.last_updated ${direction}`;
  const column = SORT_COLUMN[key.table]![key.descending ? 'desc' : 'asc'];
  const fn = key.descending ? 'max' : 'min';
  const s = params.alias('o');
  return (
    `(SELECT ${fn}(${s}.${column}) FROM ${INDEX_TABLES[key.table]} ${s} WHERE ${s}.resource_type = r.resource_type ` +
    `AND ${s}.id = r.id AND ${s}.param = ${params.add(key.param)}) ${direction} NULLS LAST`
  );
}

const DRIVER_PREFERENCE: Record<string, number> = { reference: 0, token: 1, uri: 2, string: 3, date: 4, number: 5, quantity: 6, position: 7 };

/**
 * Without _sort, a one-type search is walked in id order from the index rows of one of its parameter tests (a
 * reference or token test by preference), checking the other conditions per row and stopping when the page is
 * full: the work follows the page size, not the number of matches or resources.
 */
function streamingFrom(query: SearchQuery, type: string, params: SqlParams): { from: string; rest: Filter[] } | undefined {
  if (query.sort.length > 0 || !query.filter) return undefined;
  const conjuncts = query.filter.kind === 'and' ? query.filter.filters : [query.filter];
  const candidates = conjuncts
    .map((filter, index) => ({ filter, index, leaf: leafOf(filter, params) }))
    .filter((c): c is typeof c & { leaf: Leaf } => c.leaf !== undefined)
    .sort((a, b) => DRIVER_PREFERENCE[a.leaf.table]! - DRIVER_PREFERENCE[b.leaf.table]!);
  const driver = candidates[0];
  if (!driver) return undefined;
  const d = params.alias('d');
  const where = driver.leaf.where(d);
  const ids =
    `SELECT DISTINCT ON (${d}.id) ${d}.id FROM ${INDEX_TABLES[driver.leaf.table]} ${d} ` +
    `WHERE ${d}.resource_type = ${params.add(type)} AND ${d}.param = ${params.add(driver.leaf.param)}${where ? ` AND ${where}` : ''} ORDER BY ${d}.id`;
  return { from: `(${ids}) m JOIN resources r ON r.id = m.id`, rest: conjuncts.filter((_, i) => i !== driver.index) };
}

/**
 * FROM and WHERE of a search. For one type, the work starts from the index tables: either walked in id order
 * (see streamingFrom), or, with _sort, as the intersection of the parameter tests' id sets, before any resource
 * row is touched. Everything else (chains, _has, :missing, negations) stays a condition on `r`.
 */
function fromAndWhere(query: SearchQuery, params: SqlParams, forCount = false): { from: string; where: string } {
  const single = query.resourceTypes.length === 1 ? query.resourceTypes[0]! : undefined;
  const typeCondition = single !== undefined ? `r.resource_type = ${params.add(single)}` : `r.resource_type = ANY(${params.add(query.resourceTypes)}::text[])`;
  const streaming = single !== undefined && !forCount ? streamingFrom(query, single, params) : undefined;
  const conjuncts = streaming?.rest ?? (!query.filter ? [] : query.filter.kind === 'and' ? query.filter.filters : [query.filter]);
  const idSets: string[] = [];
  const conditions: string[] = [];
  for (const filter of conjuncts) {
    const idSet = single !== undefined && !streaming ? buildIdSet(filter, single, params) : undefined;
    if (idSet !== undefined) idSets.push(`(${idSet})`);
    else conditions.push(buildFilter(filter, 'r', params, streaming !== undefined));
  }
  const from = streaming?.from ?? (idSets.length === 0 ? 'resources r' : `(${idSets.join(' INTERSECT ')}) m JOIN resources r ON r.id = m.id`);
  return { from, where: [typeCondition, 'NOT r.deleted', ...conditions].join(' AND ') };
}

/**
 * One SELECT for the page (one row more than asked, to know whether a next page exists) and, when a total
 * is wanted, one COUNT over the same conditions. Ties are broken on type and id, so paging is stable.
 */
export function buildSearch(query: SearchQuery): BuiltSearch {
  const params = new SqlParams();
  const { from, where } = fromAndWhere(query, params);
  const order = [...query.sort.map((k) => sortExpression(k, params)), 'r.resource_type', 'r.id'].join(', ');
  const limit = params.add(query.count + 1);
  const offset = params.add(query.offset);
  const select = {
    text:
      `SELECT r.resource_type, r.id, r.version_id, r.last_updated, r.content FROM ${from} ` +
      `WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
    values: params.values,
  };
  if (query.total === 'none') return { select };
  const countParams = new SqlParams();
  const counted = fromAndWhere(query, countParams, true);
  return { select, count: { text: `SELECT count(*)::int AS total FROM ${counted.from} WHERE ${counted.where}`, values: countParams.values } };
}
