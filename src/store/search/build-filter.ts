import { normalizeString } from '../index-rows.ts';
import type { Comparator, Filter, IndexTable } from './query.ts';
import { nearCondition } from './near-condition.ts';
import { escapeLike, type SqlParams } from './sql-params.ts';

/** Table names come from this closed map only, never from input. */
export const INDEX_TABLES: Record<IndexTable, string> = {
  token: 'sp_token',
  string: 'sp_string',
  reference: 'sp_reference',
  date: 'sp_date',
  number: 'sp_number',
  quantity: 'sp_quantity',
  uri: 'sp_uri',
  position: 'sp_position',
};

function owns(x: string, r: string, params: SqlParams, param: string): string {
  return `${x}.resource_type = ${r}.resource_type AND ${x}.id = ${r}.id AND ${x}.param = ${params.add(param)}`;
}

/** Range comparison for date/number/quantity: the stored [low, high] against the searched [low, high]. */
function rangeCondition(comparator: Comparator, lowCol: string, highCol: string, lowValue: () => string, highValue: () => string, cast: string): string {
  // Only the bounds a comparator uses are bound: an unused parameter has no type PostgreSQL can infer.
  const low = comparator === 'gt' || comparator === 'sa' ? '' : lowValue();
  const high = comparator === 'lt' || comparator === 'eb' ? '' : highValue();
  const lo = `COALESCE(${lowCol}, '-infinity'::${cast})`;
  const hi = `COALESCE(${highCol}, 'infinity'::${cast})`;
  switch (comparator) {
    case 'eq':
      return `(${lo} >= ${low} AND ${hi} <= ${high})`;
    case 'ne':
      return `NOT (${lo} >= ${low} AND ${hi} <= ${high})`;
    case 'gt':
      return `(${hi} > ${high})`;
    case 'lt':
      return `(${lo} < ${low})`;
    case 'ge':
      return `(${hi} > ${high} OR (${lo} >= ${low} AND ${hi} <= ${high}))`;
    case 'le':
      return `(${lo} < ${low} OR (${lo} >= ${low} AND ${hi} <= ${high}))`;
    case 'sa':
      return `(${lo} > ${high})`;
    case 'eb':
      return `(${hi} < ${low})`;
    case 'ap':
      return `(${lo} <= ${high} AND ${hi} >= ${low})`;
  }
}

/**
 * `probe`: keep the test a per-row sub-plan (OFFSET 0 stops PostgreSQL from turning it into a join), for searches
 * walked row by row where only the rows of one page are ever tested.
 */
function exists(table: IndexTable, r: string, params: SqlParams, param: string, condition: (x: string) => string, probe: boolean): string {
  const x = params.alias('x');
  const where = condition(x);
  return `EXISTS (SELECT 1 FROM ${INDEX_TABLES[table]} ${x} WHERE ${owns(x, r, params, param)}${where ? ` AND ${where}` : ''}${probe ? ' OFFSET 0' : ''})`;
}

export interface Leaf {
  table: IndexTable;
  param: string;
  /** The condition on the index row aliased `x` (empty when the parameter merely has to be present). */
  where: (x: string) => string;
}

/** The index-table condition of a filter that tests one parameter's values; undefined for the other kinds. */
export function leafOf(filter: Filter, params: SqlParams): Leaf | undefined {
  switch (filter.kind) {
    case 'token':
      return {
        table: 'token',
        param: filter.param,
        where: (x) => {
          const parts: string[] = [];
          if (filter.code !== undefined) parts.push(`${x}.code = ${params.add(filter.code)}`);
          if (filter.system === null) parts.push(`${x}.system IS NULL`);
          else if (filter.system !== undefined) parts.push(`${x}.system = ${params.add(filter.system)}`);
          if (filter.text !== undefined) parts.push(`${x}.text_norm LIKE ${params.add(`${escapeLike(normalizeString(filter.text))}%`)}`);
          return parts.join(' AND ');
        },
      };
    case 'string':
      return {
        table: 'string',
        param: filter.param,
        where: (x) => {
          if (filter.match === 'exact') return `${x}.value = ${params.add(filter.value)}`;
          const norm = escapeLike(normalizeString(filter.value));
          return `${x}.value_norm LIKE ${params.add(filter.match === 'contains' ? `%${norm}%` : `${norm}%`)}`;
        },
      };
    case 'reference':
      return { table: 'reference', param: filter.param, where: (x) => referenceCondition(filter, x, params) };
    case 'date':
      return {
        table: 'date',
        param: filter.param,
        where: (x) => rangeCondition(filter.comparator, `${x}.low`, `${x}.high`, () => `${params.add(filter.low)}::timestamptz`, () => `${params.add(filter.high)}::timestamptz`, 'timestamptz'),
      };
    case 'number':
    case 'quantity':
      return { table: filter.kind, param: filter.param, where: (x) => quantityCondition(filter, x, params) };
    case 'uri':
      return {
        table: 'uri',
        param: filter.param,
        where: (x) => {
          if (filter.match === 'below') return `${x}.value LIKE ${params.add(`${escapeLike(filter.value)}%`)}`;
          if (filter.match === 'above') return `${params.add(filter.value)} LIKE replace(replace(replace(${x}.value, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
          return `${x}.value = ${params.add(filter.value)}`;
        },
      };
    case 'near':
      return { table: 'position', param: filter.param, where: (x) => nearCondition(filter, x, params) };
    default:
      return undefined;
  }
}

function referenceCondition(filter: Extract<Filter, { kind: 'reference' }>, x: string, params: SqlParams): string {
  const parts: string[] = [];
  if (filter.targetId !== undefined) parts.push(`${x}.target_id = ${params.add(filter.targetId)}`);
  // One type as plain equality, so the index on (type, param, target, target type, id) yields ids in order.
  if (filter.targetTypes?.length === 1) parts.push(`${x}.target_type = ${params.add(filter.targetTypes[0])}`);
  else if (filter.targetTypes !== undefined) parts.push(`${x}.target_type = ANY(${params.add(filter.targetTypes)}::text[])`);
  if (filter.targetVersion !== undefined) parts.push(`${x}.target_version = ${params.add(filter.targetVersion)}`);
  if (filter.url !== undefined) parts.push(`${x}.url = ${params.add(filter.url)}`);
  if (filter.identifier?.system !== undefined) parts.push(`${x}.identifier_system = ${params.add(filter.identifier.system)}`);
  if (filter.identifier?.value !== undefined) parts.push(`${x}.identifier_value = ${params.add(filter.identifier.value)}`);
  if (filter.identifier !== undefined) parts.push(`${x}.identifier_value IS NOT NULL`);
  return parts.join(' AND ');
}

function quantityCondition(filter: Extract<Filter, { kind: 'number' | 'quantity' }>, x: string, params: SqlParams): string {
  const parts = [numberCondition(filter.comparator, `${x}.value`, filter, params)];
  if (filter.kind === 'quantity') {
    if (filter.system !== undefined) parts.push(`${x}.system = ${params.add(filter.system)}`);
    if (filter.code !== undefined) {
      const code = params.add(filter.code);
      parts.push(`(${x}.code = ${code} OR ${x}.unit = ${code})`);
    }
  }
  return parts.join(' AND ');
}

/**
 * The ids of one type's resources that match `filter`, straight from the index tables, when the filter is a
 * parameter test or an OR of them; undefined otherwise. Searches start from these id sets, so only the
 * resources of the page are ever read from the resources table.
 */
export function buildIdSet(filter: Filter, resourceType: string, params: SqlParams): string | undefined {
  const leaves = filter.kind === 'or' ? filter.filters.map((f) => leafOf(f, params)) : [leafOf(filter, params)];
  if (leaves.length === 0 || leaves.some((l) => l === undefined)) return undefined;
  return leaves
    .map((leaf) => {
      const x = params.alias('i');
      const where = leaf!.where(x);
      return `SELECT ${x}.id FROM ${INDEX_TABLES[leaf!.table]} ${x} WHERE ${x}.resource_type = ${params.add(resourceType)} AND ${x}.param = ${params.add(leaf!.param)}${where ? ` AND ${where}` : ''}`;
    })
    .join(' UNION ');
}

/** SQL condition for `filter` on the resources row aliased `r`. */
export function buildFilter(filter: Filter, r: string, params: SqlParams, probe = false): string {
  const leaf = leafOf(filter, params);
  if (leaf) return exists(leaf.table, r, params, leaf.param, leaf.where, probe);
  switch (filter.kind) {
    case 'and':
      return filter.filters.length === 0 ? 'TRUE' : `(${filter.filters.map((f) => buildFilter(f, r, params, probe)).join(' AND ')})`;
    case 'or':
      return filter.filters.length === 0 ? 'FALSE' : `(${filter.filters.map((f) => buildFilter(f, r, params, probe)).join(' OR ')})`;
    case 'not':
      return `NOT ${buildFilter(filter.filter, r, params, probe)}`;
    case 'id':
      return `${r}.id = ANY(${params.add(filter.ids)}::text[])`;
    case 'type':
      return `${r}.resource_type = ANY(${params.add(filter.resourceTypes)}::text[])`;
    case 'last-updated': {
      const low = () => `${params.add(filter.low)}::timestamptz`;
      const high = () => `${params.add(filter.high)}::timestamptz`;
      return rangeCondition(filter.comparator, `${r}.last_updated`, `${r}.last_updated`, low, high, 'timestamptz');
    }
    case 'missing': {
      const x = params.alias('m');
      const present = `EXISTS (SELECT 1 FROM ${INDEX_TABLES[filter.table]} ${x} WHERE ${owns(x, r, params, filter.param)})`;
      return filter.missing ? `NOT ${present}` : present;
    }
    case 'chain': {
      const c = params.alias('c');
      const t = params.alias('t');
      return (
        `EXISTS (SELECT 1 FROM sp_reference ${c} JOIN resources ${t} ON ${t}.resource_type = ${c}.target_type AND ${t}.id = ${c}.target_id ` +
        `WHERE ${owns(c, r, params, filter.param)} AND ${c}.target_type = ANY(${params.add(filter.targetTypes)}::text[]) ` +
        `AND NOT ${t}.deleted AND ${buildFilter(filter.filter, t, params)})`
      );
    }
    case 'has': {
      const h = params.alias('h');
      const s = params.alias('s');
      return (
        `EXISTS (SELECT 1 FROM sp_reference ${h} JOIN resources ${s} ON ${s}.resource_type = ${h}.resource_type AND ${s}.id = ${h}.id ` +
        `WHERE ${h}.resource_type = ${params.add(filter.sourceType)} AND ${h}.param = ${params.add(filter.param)} ` +
        `AND ${h}.target_type = ${r}.resource_type AND ${h}.target_id = ${r}.id AND NOT ${s}.deleted AND ${buildFilter(filter.filter, s, params)})`
      );
    }
    default:
      throw new Error(`unhandled filter kind ${filter.kind}`);
  }
}

/** Numbers are exact in the resource and carry implicit precision in the search: [low, high) around the value. */
function numberCondition(comparator: Comparator, col: string, bounds: { value: string; low: string; high: string }, params: SqlParams): string {
  const ranged = comparator === 'eq' || comparator === 'ne';
  const value = ranged ? '' : params.add(bounds.value);
  const low = ranged ? params.add(bounds.low) : '';
  const high = ranged ? params.add(bounds.high) : '';
  switch (comparator) {
    case 'eq':
      return `(${col} >= ${low}::numeric AND ${col} < ${high}::numeric)`;
    case 'ne':
      return `NOT (${col} >= ${low}::numeric AND ${col} < ${high}::numeric)`;
    case 'gt':
    case 'sa':
      return `${col} > ${value}::numeric`;
    case 'lt':
    case 'eb':
      return `${col} < ${value}::numeric`;
    case 'ge':
      return `${col} >= ${value}::numeric`;
    case 'le':
      return `${col} <= ${value}::numeric`;
    case 'ap':
      return `(${col} BETWEEN LEAST(${value}::numeric * 0.9, ${value}::numeric * 1.1) AND GREATEST(${value}::numeric * 0.9, ${value}::numeric * 1.1))`;
  }
}
