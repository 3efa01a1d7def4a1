import type { Database, SqlExecutor } from './database.ts';
import type { ExternalTypeRegistry, ExternalTypeStore } from './external-type.ts';
import { mergePages } from './merge-pages.ts';
import type { IndexRows } from './index-rows.ts';
import { emptyIndexRows, normalizeString } from './index-rows.ts';
import type {
  HistoryQuery,
  NewVersion,
  ReferenceLink,
  ResourceVersion,
  TransactionRepository,
} from './repository.ts';
import { buildFilter } from './search/build-filter.ts';
import { buildSearch } from './search/build-search.ts';
import type { SearchPage, SearchQuery, StoredMatch } from './search/query.ts';
import { SqlParams } from './search/sql-params.ts';

interface VersionRow {
  resource_type: string;
  id: string;
  version_id: number;
  last_updated: string;
  deleted?: boolean;
  method?: string;
  content: string | null;
}

/** The driver returns timestamptz as text in the session time zone (see pg-database.ts); FHIR wants ISO 8601 instants. */
export function toInstant(value: string): string {
  return new Date(value.includes('T') ? value : value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
}

function toVersion(row: VersionRow): ResourceVersion {
  return {
    resourceType: row.resource_type,
    id: row.id,
    versionId: Number(row.version_id),
    lastUpdated: toInstant(row.last_updated),
    deleted: row.deleted ?? row.method === 'DELETE',
    json: row.content,
    method: (row.method ?? 'PUT') as ResourceVersion['method'],
  };
}

function toMatch(row: VersionRow): StoredMatch {
  return {
    resourceType: row.resource_type,
    id: row.id,
    versionId: Number(row.version_id),
    lastUpdated: toInstant(row.last_updated),
    json: row.content ?? '',
  };
}

const INDEX_DELETES = ['sp_token', 'sp_string', 'sp_reference', 'sp_date', 'sp_number', 'sp_quantity', 'sp_uri', 'sp_position'];

/** Data-modifying CTEs that replace a resource's index rows; all of it is one statement, one round trip. */
function indexStatements(rows: IndexRows, params: SqlParams, type: string, id: string, replace: boolean): string[] {
  const ctes: string[] = [];
  if (replace) INDEX_DELETES.forEach((t, i) => ctes.push(`d${i} AS (DELETE FROM ${t} WHERE resource_type = ${type} AND id = ${id})`));
  // Every insert is present even with no rows, so the statement text is fixed and can be prepared once.
  const insert = (name: string, table: string, columns: string[], arrays: { values: unknown[]; cast: string }[]): void => {
    const unnest = arrays.map((a) => `${params.add(a.values)}::${a.cast}[]`).join(', ');
    ctes.push(`${name} AS (INSERT INTO ${table} (resource_type, id, ${columns.join(', ')}) SELECT ${type}, ${id}, * FROM unnest(${unnest}))`);
  };
  const col = <T>(list: T[], f: (row: T) => unknown, cast = 'text') => ({ values: list.map(f), cast });
  insert('i_token', 'sp_token', ['param', 'system', 'code', 'text_norm'], [
    col(rows.token, (r) => r.param), col(rows.token, (r) => r.system), col(rows.token, (r) => r.code),
    col(rows.token, (r) => (r.text === null ? null : normalizeString(r.text))),
  ]);
  insert('i_string', 'sp_string', ['param', 'value_norm', 'value'], [
    col(rows.string, (r) => r.param), col(rows.string, (r) => normalizeString(r.value)), col(rows.string, (r) => r.value),
  ]);
  insert('i_reference', 'sp_reference', ['param', 'target_type', 'target_id', 'target_version', 'url', 'identifier_system', 'identifier_value'], [
    col(rows.reference, (r) => r.param), col(rows.reference, (r) => r.targetType), col(rows.reference, (r) => r.targetId),
    col(rows.reference, (r) => r.targetVersion), col(rows.reference, (r) => r.url),
    col(rows.reference, (r) => r.identifierSystem), col(rows.reference, (r) => r.identifierValue),
  ]);
  insert('i_date', 'sp_date', ['param', 'low', 'high'], [
    col(rows.date, (r) => r.param), col(rows.date, (r) => r.low, 'timestamptz'), col(rows.date, (r) => r.high, 'timestamptz'),
  ]);
  insert('i_number', 'sp_number', ['param', 'value', 'low', 'high'], [
    col(rows.number, (r) => r.param), col(rows.number, (r) => r.value, 'numeric'),
    col(rows.number, (r) => r.low, 'numeric'), col(rows.number, (r) => r.high, 'numeric'),
  ]);
  insert('i_quantity', 'sp_quantity', ['param', 'value', 'low', 'high', 'system', 'code', 'unit'], [
    col(rows.quantity, (r) => r.param), col(rows.quantity, (r) => r.value, 'numeric'),
    col(rows.quantity, (r) => r.low, 'numeric'), col(rows.quantity, (r) => r.high, 'numeric'),
    col(rows.quantity, (r) => r.system), col(rows.quantity, (r) => r.code), col(rows.quantity, (r) => r.unit),
  ]);
  insert('i_uri', 'sp_uri', ['param', 'value'], [col(rows.uri, (r) => r.param), col(rows.uri, (r) => r.value)]);
  insert('i_position', 'sp_position', ['param', 'latitude', 'longitude'], [
    col(rows.position, (r) => r.param), col(rows.position, (r) => r.latitude, 'float8'), col(rows.position, (r) => r.longitude, 'float8'),
  ]);
  return ctes;
}

const VERSION_COLUMNS = 'resource_type, id, version_id, last_updated, deleted, content';

export class PgRepository implements TransactionRepository, ExternalTypeRegistry {
  private readonly db: Database;
  readonly sql: SqlExecutor;
  private readonly inTransaction: boolean;
  // Shared with the repositories of its transactions, so a type registered once is kept elsewhere in all of them.
  private readonly external: Map<string, ExternalTypeStore>;

  constructor(db: Database, sql: SqlExecutor = db, inTransaction = false, external = new Map<string, ExternalTypeStore>()) {
    this.db = db;
    this.sql = sql;
    this.inTransaction = inTransaction;
    this.external = external;
  }

  keepExternally(store: ExternalTypeStore): void {
    this.external.set(store.resourceType, store);
  }

  async readCurrent(resourceType: string, id: string): Promise<ResourceVersion | undefined> {
    const external = this.external.get(resourceType);
    if (external) return external.readCurrent(this.sql, id);
    const { rows } = await this.sql.query<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM resources WHERE resource_type = $1 AND id = $2`,
      [resourceType, id],
      { name: 'brug-read-current' },
    );
    return rows[0] ? toVersion(rows[0]) : undefined;
  }

  async lockCurrent(resourceType: string, id: string): Promise<ResourceVersion | undefined> {
    // Kept elsewhere means never changed: there is nothing to lock.
    if (this.external.has(resourceType)) return this.readCurrent(resourceType, id);
    const { rows } = await this.sql.query<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM resources WHERE resource_type = $1 AND id = $2 FOR UPDATE`,
      [resourceType, id],
      { name: 'brug-lock-current' },
    );
    return rows[0] ? toVersion(rows[0]) : undefined;
  }

  async readVersion(resourceType: string, id: string, versionId: number): Promise<ResourceVersion | undefined> {
    if (this.external.has(resourceType)) return versionId === 1 ? this.readCurrent(resourceType, id) : undefined;
    const { rows } = await this.sql.query<VersionRow>(
      'SELECT resource_type, id, version_id, last_updated, method, content FROM resource_history WHERE resource_type = $1 AND id = $2 AND version_id = $3',
      [resourceType, id, versionId],
    );
    return rows[0] ? toVersion(rows[0]) : undefined;
  }

  async readMany(keys: readonly { resourceType: string; id: string }[]): Promise<StoredMatch[]> {
    if (keys.some((k) => this.external.has(k.resourceType))) {
      const kept = [...this.external.values()].map((e) => e.readMany(this.sql, keys.filter((k) => k.resourceType === e.resourceType).map((k) => k.id)));
      const rest = this.readMany(keys.filter((k) => !this.external.has(k.resourceType)));
      return (await Promise.all([rest, ...kept])).flat();
    }
    if (keys.length === 0) return [];
    const { rows } = await this.sql.query<VersionRow>(
      `SELECT r.resource_type, r.id, r.version_id, r.last_updated, r.content FROM resources r
       JOIN unnest($1::text[], $2::text[]) AS k(t, i) ON r.resource_type = k.t AND r.id = k.i WHERE NOT r.deleted`,
      [keys.map((k) => k.resourceType), keys.map((k) => k.id)],
    );
    return rows.map(toMatch);
  }

  async writeVersion(v: NewVersion): Promise<void> {
    const external = this.external.get(v.resourceType);
    if (external) return external.write(this.sql, v);
    const params = new SqlParams();
    const type = params.add(v.resourceType);
    const id = params.add(v.id);
    const version = params.add(v.versionId);
    const updated = `${params.add(v.lastUpdated)}::timestamptz`;
    const content = params.add(v.json);
    const resource = v.isNew
      ? `w AS (INSERT INTO resources (resource_type, id, version_id, last_updated, deleted, content) VALUES (${type}, ${id}, ${version}, ${updated}, false, ${content}))`
      : `w AS (UPDATE resources SET version_id = ${version}, last_updated = ${updated}, deleted = false, content = ${content} WHERE resource_type = ${type} AND id = ${id})`;
    const history = `h AS (INSERT INTO resource_history (resource_type, id, version_id, last_updated, method, content) VALUES (${type}, ${id}, ${version}, ${updated}, ${params.add(v.method)}, ${content}))`;
    const ctes = [resource, history, ...indexStatements(v.index, params, type, id, !v.isNew)];
    await this.sql.query(`WITH ${ctes.join(',\n')} SELECT 1`, params.values, { name: v.isNew ? 'brug-write-new' : 'brug-write-update' });
  }

  async writeDeletion(resourceType: string, id: string, versionId: number, lastUpdated: string): Promise<void> {
    const params = new SqlParams();
    const type = params.add(resourceType);
    const key = params.add(id);
    const version = params.add(versionId);
    const updated = `${params.add(lastUpdated)}::timestamptz`;
    const ctes = [
      `w AS (UPDATE resources SET version_id = ${version}, last_updated = ${updated}, deleted = true, content = NULL WHERE resource_type = ${type} AND id = ${key})`,
      `h AS (INSERT INTO resource_history (resource_type, id, version_id, last_updated, method, content) VALUES (${type}, ${key}, ${version}, ${updated}, 'DELETE', NULL))`,
      ...indexStatements(emptyIndexRows(), params, type, key, true),
    ];
    await this.sql.query(`WITH ${ctes.join(',\n')} SELECT 1`, params.values, { name: 'brug-write-delete' });
  }

  async redactHistory(resourceType: string, id: string, redact: (json: string) => string): Promise<number> {
    const { rows } = await this.sql.query<{ version_id: number; content: string }>(
      'SELECT version_id, content FROM resource_history WHERE resource_type = $1 AND id = $2 AND content IS NOT NULL FOR UPDATE',
      [resourceType, id],
    );
    if (rows.length === 0) return 0;
    await this.sql.query(
      `UPDATE resource_history h SET content = r.content FROM unnest($3::int[], $4::text[]) AS r(version_id, content)
       WHERE h.resource_type = $1 AND h.id = $2 AND h.version_id = r.version_id`,
      [resourceType, id, rows.map((r) => Number(r.version_id)), rows.map((r) => redact(r.content))],
    );
    return rows.length;
  }

  async idsMentioning(resourceTypes: readonly string[], texts: readonly string[]): Promise<{ resourceType: string; id: string }[]> {
    if (resourceTypes.length === 0 || texts.length === 0) return [];
    const { rows } = await this.sql.query<{ resource_type: string; id: string }>(
      `SELECT DISTINCT h.resource_type, h.id FROM resource_history h
       WHERE h.resource_type = ANY($1::text[]) AND h.content IS NOT NULL AND EXISTS (SELECT 1 FROM unnest($2::text[]) AS t(text) WHERE strpos(h.content, t.text) > 0)`,
      [[...resourceTypes], [...texts]],
    );
    return rows.map((r) => ({ resourceType: r.resource_type, id: r.id }));
  }

  async search(query: SearchQuery): Promise<SearchPage> {
    const kept = query.resourceTypes.filter((t) => this.external.has(t));
    if (kept.length === 0) return this.searchResources(query);
    if (query.resourceTypes.length === 1) return this.external.get(kept[0]!)!.search(this.sql, query);
    // A system search over both: each part's first offset + count matches, merged in the search's order.
    const window = { ...query, offset: 0, count: query.offset + query.count };
    const rest = query.resourceTypes.filter((t) => !this.external.has(t));
    const pages = await Promise.all([
      ...(rest.length ? [this.searchResources({ ...window, resourceTypes: rest })] : []),
      ...kept.map((t) => this.external.get(t)!.search(this.sql, { ...window, resourceTypes: [t] })),
    ]);
    return mergePages(pages, query);
  }

  private async searchResources(query: SearchQuery): Promise<SearchPage> {
    const built = buildSearch(query);
    const page = query.count > 0 ? await this.sql.query<VersionRow>(built.select.text, built.select.values) : { rows: [] };
    const total = built.count ? Number((await this.sql.query<{ total: number }>(built.count.text, built.count.values)).rows[0]?.total ?? 0) : undefined;
    const hasMore = page.rows.length > query.count;
    return { matches: page.rows.slice(0, query.count).map(toMatch), hasMore, total };
  }

  async history(query: HistoryQuery): Promise<{ versions: ResourceVersion[]; hasMore: boolean; total: number }> {
    if (query.resourceType !== undefined) {
      const external = this.external.get(query.resourceType);
      return external ? external.history(this.sql, query) : this.historyOfResources(query);
    }
    const kept = [...this.external.keys()].filter((t) => query.resourceTypes === undefined || query.resourceTypes.includes(t));
    if (kept.length === 0) return this.historyOfResources(query);
    const window = { ...query, offset: 0, count: query.offset + query.count };
    const parts = await Promise.all([
      this.historyOfResources(window),
      ...kept.map((t) => this.external.get(t)!.history(this.sql, { ...window, resourceType: t, resourceTypes: undefined })),
    ]);
    const versions = parts.flatMap((p) => p.versions).sort((a, b) => Date.parse(b.lastUpdated) - Date.parse(a.lastUpdated));
    return {
      versions: versions.slice(query.offset, query.offset + query.count),
      hasMore: versions.length > query.offset + query.count || parts.some((p) => p.hasMore),
      total: parts.reduce((n, p) => n + p.total, 0),
    };
  }

  private async historyOfResources(query: HistoryQuery): Promise<{ versions: ResourceVersion[]; hasMore: boolean; total: number }> {
    const params = new SqlParams();
    const where: string[] = [];
    if (query.resourceType !== undefined) where.push(`h.resource_type = ${params.add(query.resourceType)}`);
    if (query.resourceTypes !== undefined) where.push(`h.resource_type = ANY(${params.add([...query.resourceTypes])}::text[])`);
    if (query.id !== undefined) where.push(`h.id = ${params.add(query.id)}`);
    if (query.since !== undefined) where.push(`h.last_updated >= ${params.add(query.since)}::timestamptz`);
    if (query.at !== undefined) {
      const at = `${params.add(query.at)}::timestamptz`;
      // Current at `at`: written at or before it, and not yet replaced by a later version written at or before it.
      where.push(
        `h.last_updated <= ${at} AND NOT EXISTS (SELECT 1 FROM resource_history n WHERE n.resource_type = h.resource_type ` +
          `AND n.id = h.id AND n.version_id > h.version_id AND n.last_updated <= ${at})`,
      );
    }
    if (query.filter !== undefined) {
      where.push(
        `EXISTS (SELECT 1 FROM resources r WHERE r.resource_type = h.resource_type AND r.id = h.id AND NOT r.deleted ` +
          `AND ${buildFilter(query.filter, 'r', params)})`,
      );
    }
    const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countValues = [...params.values];
    const limit = params.add(query.count + 1);
    const offset = params.add(query.offset);
    const { rows } = await this.sql.query<VersionRow>(
      `SELECT h.resource_type, h.id, h.version_id, h.last_updated, h.method, h.content FROM resource_history h ${condition}
       ORDER BY h.last_updated DESC, h.seq DESC LIMIT ${limit} OFFSET ${offset}`,
      params.values,
    );
    const counted = await this.sql.query<{ total: number }>(`SELECT count(*)::int AS total FROM resource_history h ${condition}`, countValues);
    return {
      versions: rows.slice(0, query.count).map(toVersion),
      hasMore: rows.length > query.count,
      total: Number(counted.rows[0]?.total ?? 0),
    };
  }

  async referencesFrom(resourceType: string, ids: readonly string[], param?: string, targetType?: string): Promise<ReferenceLink[]> {
    if (ids.length === 0) return [];
    const external = this.external.get(resourceType);
    if (external) return external.referencesFrom(this.sql, ids, param, targetType);
    const params = new SqlParams();
    const where = [`resource_type = ${params.add(resourceType)}`, `id = ANY(${params.add(ids)}::text[])`, 'target_id IS NOT NULL', 'target_type IS NOT NULL'];
    if (param !== undefined) where.push(`param = ${params.add(param)}`);
    if (targetType !== undefined) where.push(`target_type = ${params.add(targetType)}`);
    const { rows } = await this.sql.query<{ resource_type: string; id: string; param: string; target_type: string; target_id: string }>(
      `SELECT resource_type, id, param, target_type, target_id FROM sp_reference WHERE ${where.join(' AND ')}`,
      params.values,
    );
    return rows.map((r) => ({ resourceType: r.resource_type, id: r.id, param: r.param, targetType: r.target_type, targetId: r.target_id }));
  }

  async referencesTo(sourceType: string, param: string | undefined, targetType: string, targetIds: readonly string[]): Promise<ReferenceLink[]> {
    if (targetIds.length === 0) return [];
    const external = this.external.get(sourceType);
    if (external) return external.referencesTo(this.sql, param, targetType, targetIds);
    const params = new SqlParams();
    const where = [`resource_type = ${params.add(sourceType)}`, `target_type = ${params.add(targetType)}`, `target_id = ANY(${params.add(targetIds)}::text[])`];
    if (param !== undefined) where.push(`param = ${params.add(param)}`);
    const { rows } = await this.sql.query<{ resource_type: string; id: string; param: string; target_type: string; target_id: string }>(
      `SELECT resource_type, id, param, target_type, target_id FROM sp_reference WHERE ${where.join(' AND ')}`,
      params.values,
    );
    return rows.map((r) => ({ resourceType: r.resource_type, id: r.id, param: r.param, targetType: r.target_type, targetId: r.target_id }));
  }

  async lockKey(key: string): Promise<void> {
    await this.sql.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
  }

  async transaction<T>(fn: (tx: TransactionRepository) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.db.transaction((sql) => fn(new PgRepository(this.db, sql, true, this.external)));
  }
}
