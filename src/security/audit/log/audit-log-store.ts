/**
 * The audit log as the repository's store of the AuditEvent type: the engine reads, searches, pages and includes
 * AuditEvents as before, from compact rows rendered to the JSON the events were built as.
 */
import {
  SqlParams,
  toInstant,
  type ExternalTypeStore,
  type HistoryQuery,
  type NewVersion,
  type ReferenceLink,
  type ResourceVersion,
  type SearchPage,
  type SearchQuery,
  type SortKey,
  type SqlExecutor,
  type StoredMatch,
} from '../../../store/index.ts';
import { auditFilter } from './audit-filter.ts';
import { renderRow, type AuditRow } from './audit-row.ts';

export interface LogRow {
  id: string;
  recorded: string;
  started: string | null;
  type_code: string;
  subtype_code: string | null;
  action: string;
  outcome: string;
  outcome_desc: string | null;
  client_id: string | null;
  organization_id: string | null;
  organization_role: string | null;
  professional_system: string | null;
  professional_value: string | null;
  token_id: string | null;
  address: string | null;
  entity_type: string | null;
  entity_id: string | null;
  entity_version: string | null;
  patients: string[];
  query: string | null;
  scope: string | null;
  source: string;
  legacy: string | null;
}

export const LOG_COLUMNS =
  'a.id, a.recorded, a.started, a.type_code, a.subtype_code, a.action, a.outcome, a.outcome_desc, a.client_id, a.organization_id, ' +
  'a.organization_role, a.professional_system, a.professional_value, a.token_id, a.address, a.entity_type, a.entity_id, a.entity_version, ' +
  'a.patients, a.query, a.scope, a.source, a.legacy';

export function rowOf(r: LogRow): AuditRow {
  return {
    id: r.id,
    recorded: toInstant(r.recorded),
    started: r.started === null ? null : toInstant(r.started),
    typeCode: r.type_code,
    subtypeCode: r.subtype_code,
    action: r.action,
    outcome: r.outcome,
    outcomeDesc: r.outcome_desc,
    clientId: r.client_id,
    organizationId: r.organization_id,
    organizationRole: r.organization_role,
    professionalSystem: r.professional_system,
    professionalValue: r.professional_value,
    tokenId: r.token_id,
    address: r.address,
    entityType: r.entity_type,
    entityId: r.entity_id,
    entityVersion: r.entity_version,
    patients: r.patients,
    query: r.query,
    scope: r.scope,
    source: r.source,
    legacy: r.legacy,
  };
}

function toMatch(r: LogRow): StoredMatch {
  const row = rowOf(r);
  return { resourceType: 'AuditEvent', id: row.id, versionId: 1, lastUpdated: row.recorded, json: renderRow(row) };
}

function toVersion(r: LogRow): ResourceVersion {
  const m = toMatch(r);
  return { resourceType: 'AuditEvent', id: m.id, versionId: 1, lastUpdated: m.lastUpdated, deleted: false, json: m.json, method: 'POST' };
}

const SORT_COLUMN: Record<string, string> = {
  date: 'a.recorded',
  _lastUpdated: 'a.recorded',
  action: 'a.action',
  outcome: 'a.outcome',
  address: 'a.address',
  type: 'a.type_code',
  subtype: 'a.subtype_code',
  agent: 'a.organization_id',
  entity: 'a.entity_id',
  patient: 'a.patients[1]',
  policy: 'a.token_id',
};

function orderBy(keys: readonly SortKey[]): string {
  const parts = keys.map((k) => {
    const direction = k.descending ? 'DESC' : 'ASC';
    if (k.kind === 'id') return `a.id ${direction}`;
    if (k.kind === 'last-updated') return `a.recorded ${direction}`;
    const column = SORT_COLUMN[k.param];
    return column ? `${column} ${direction} NULLS LAST` : undefined;
  });
  return [...parts.filter((p) => p !== undefined), 'a.id'].join(', ');
}

function where(filter: SearchQuery['filter'], params: SqlParams): string {
  return filter === undefined ? 'TRUE' : auditFilter(filter, 'a', params);
}

/** The links an event's reference parameters hold, as `_include` and `_revinclude` see them. */
function linksOf(r: LogRow): ReferenceLink[] {
  const links: ReferenceLink[] = [];
  const link = (param: string, targetType: string, targetId: string) => links.push({ resourceType: 'AuditEvent', id: r.id, param, targetType, targetId });
  for (const p of r.patients) {
    link('patient', 'Patient', p);
    link('entity', 'Patient', p);
  }
  if (r.entity_type !== null && r.entity_id !== null && !(r.entity_type === 'Patient' && r.patients.includes(r.entity_id))) link('entity', r.entity_type, r.entity_id);
  if (r.organization_id !== null) link('agent', 'Organization', r.organization_id);
  return links;
}

export class AuditLogStore implements ExternalTypeStore {
  readonly resourceType = 'AuditEvent';

  async readCurrent(sql: SqlExecutor, id: string): Promise<ResourceVersion | undefined> {
    const { rows } = await sql.query<LogRow>(`SELECT ${LOG_COLUMNS} FROM audit_log a WHERE a.id = $1 LIMIT 1`, [id], { name: 'brug-audit-read' });
    return rows[0] ? toVersion(rows[0]) : undefined;
  }

  async readMany(sql: SqlExecutor, ids: readonly string[]): Promise<StoredMatch[]> {
    if (ids.length === 0) return [];
    const { rows } = await sql.query<LogRow>(`SELECT ${LOG_COLUMNS} FROM audit_log a WHERE a.id = ANY($1::text[])`, [[...ids]]);
    return rows.map(toMatch);
  }

  async write(sql: SqlExecutor, version: NewVersion): Promise<void> {
    await sql.query('SELECT brug_audit_insert_json($1, $2::timestamptz)', [version.json, version.lastUpdated]);
  }

  async search(sql: SqlExecutor, query: SearchQuery): Promise<SearchPage> {
    const params = new SqlParams();
    const condition = where(query.filter, params);
    const countValues = [...params.values];
    const text = `SELECT ${LOG_COLUMNS} FROM audit_log a WHERE ${condition} ORDER BY ${orderBy(query.sort)} LIMIT ${params.add(query.count + 1)} OFFSET ${params.add(query.offset)}`;
    const page = query.count > 0 ? await sql.query<LogRow>(text, params.values) : { rows: [] };
    const total =
      query.total === 'none' ? undefined : Number((await sql.query<{ total: number }>(`SELECT count(*)::int AS total FROM audit_log a WHERE ${condition}`, countValues)).rows[0]?.total ?? 0);
    return { matches: page.rows.slice(0, query.count).map(toMatch), hasMore: page.rows.length > query.count, total };
  }

  async history(sql: SqlExecutor, query: HistoryQuery): Promise<{ versions: ResourceVersion[]; hasMore: boolean; total: number }> {
    const params = new SqlParams();
    const conditions: string[] = [];
    if (query.id !== undefined) conditions.push(`a.id = ${params.add(query.id)}`);
    if (query.since !== undefined) conditions.push(`a.recorded >= ${params.add(query.since)}::timestamptz`);
    // Each event has one version, current from when it was recorded on.
    if (query.at !== undefined) conditions.push(`a.recorded <= ${params.add(query.at)}::timestamptz`);
    if (query.filter !== undefined) conditions.push(auditFilter(query.filter, 'a', params));
    const condition = conditions.length ? conditions.join(' AND ') : 'TRUE';
    const countValues = [...params.values];
    const { rows } = await sql.query<LogRow>(
      `SELECT ${LOG_COLUMNS} FROM audit_log a WHERE ${condition} ORDER BY a.recorded DESC, a.seq DESC LIMIT ${params.add(query.count + 1)} OFFSET ${params.add(query.offset)}`,
      params.values,
    );
    const counted = await sql.query<{ total: number }>(`SELECT count(*)::int AS total FROM audit_log a WHERE ${condition}`, countValues);
    return { versions: rows.slice(0, query.count).map(toVersion), hasMore: rows.length > query.count, total: Number(counted.rows[0]?.total ?? 0) };
  }

  async referencesFrom(sql: SqlExecutor, ids: readonly string[], param?: string, targetType?: string): Promise<ReferenceLink[]> {
    const { rows } = await sql.query<LogRow>(`SELECT ${LOG_COLUMNS} FROM audit_log a WHERE a.id = ANY($1::text[])`, [[...ids]]);
    return rows.flatMap(linksOf).filter((l) => (param === undefined || l.param === param) && (targetType === undefined || l.targetType === targetType));
  }

  async referencesTo(sql: SqlExecutor, param: string | undefined, targetType: string, targetIds: readonly string[]): Promise<ReferenceLink[]> {
    const params = new SqlParams();
    const ids = params.add([...targetIds]);
    const conditions: string[] = [];
    if ((param === undefined || param === 'patient' || param === 'entity') && targetType === 'Patient') conditions.push(`a.patients && ${ids}::text[]`);
    if (param === undefined || param === 'entity') conditions.push(`(a.entity_type = ${params.add(targetType)} AND a.entity_id = ANY(${ids}::text[]))`);
    if ((param === undefined || param === 'agent') && targetType === 'Organization') conditions.push(`a.organization_id = ANY(${ids}::text[])`);
    if (conditions.length === 0) return [];
    const { rows } = await sql.query<LogRow>(`SELECT ${LOG_COLUMNS} FROM audit_log a WHERE ${conditions.join(' OR ')}`, params.values);
    const wanted = new Set(targetIds);
    return rows
      .flatMap(linksOf)
      .filter((l) => (param === undefined || l.param === param) && l.targetType === targetType && wanted.has(l.targetId));
  }
}
