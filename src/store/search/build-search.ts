import { buildFilter, INDEX_TABLES } from './build-filter.ts';
import type { SearchQuery, SortKey } from './query.ts';
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

function whereClause(query: SearchQuery, params: SqlParams): string {
  const typeCondition =
    query.resourceTypes.length === 1
      ? `r.resource_type = ${params.add(query.resourceTypes[0])}`
      : `r.resource_type = ANY(${params.add(query.resourceTypes)}::text[])`;
  const filter = query.filter ? ` AND ${buildFilter(query.filter, 'r', params)}` : '';
  return `${typeCondition} AND NOT r.deleted${filter}`;
}

/**
 * One SELECT for the page (one row more than asked, to know whether a next page exists) and, when a total
 * is wanted, one COUNT over the same conditions. Ties are broken on type and id, so paging is stable.
 */
export function buildSearch(query: SearchQuery): BuiltSearch {
  const params = new SqlParams();
  const where = whereClause(query, params);
  const order = [...query.sort.map((k) => sortExpression(k, params)), 'r.resource_type', 'r.id'].join(', ');
  const limit = params.add(query.count + 1);
  const offset = params.add(query.offset);
  const select = {
    text:
      `SELECT r.resource_type, r.id, r.version_id, r.last_updated, r.content FROM resources r ` +
      `WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
    values: params.values,
  };
  if (query.total === 'none') return { select };
  const countParams = new SqlParams();
  const countWhere = whereClause(query, countParams);
  return { select, count: { text: `SELECT count(*)::int AS total FROM resources r WHERE ${countWhere}`, values: countParams.values } };
}
