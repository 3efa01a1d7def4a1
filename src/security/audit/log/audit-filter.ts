/**
 * A parsed AuditEvent search as SQL on the log's columns. Each R4 AuditEvent search parameter matches what the
 * generic index would have held for the events Brug builds (https://hl7.org/fhir/R4/auditevent.html#search):
 * `patient` the patients, `agent` the client, organisation and professional, `entity` the resource and the
 * patients, `date` the recorded instant, and so on. Parameters the events never fill (`agent-name`, `altid`,
 * `_tag`…) match nothing, as before.
 */
import type { Coding } from '@medplum/fhirtypes';
import { buildFilter, escapeLike, normalizeString, type Comparator, type Filter, type SqlParams } from '../../../store/index.ts';
import { CLIENT_ID_SYSTEM, ENTITY, RESOURCE_TYPES } from '../audit-codes.ts';
import { SUBTYPE_CODINGS, TYPE_CODINGS } from './audit-row-codes.ts';

type Token = Extract<Filter, { kind: 'token' }>;
type Reference = Extract<Filter, { kind: 'reference' }>;

const NONE = 'FALSE';

function any(parts: string[]): string {
  const kept = parts.filter((p) => p !== NONE);
  return kept.length === 0 ? NONE : kept.length === 1 ? kept[0]! : `(${kept.join(' OR ')})`;
}

/** Whether a token filter matches one coding, as the index row of that coding would. */
function codingMatches(f: Token, c: Coding): boolean {
  if (f.code !== undefined && c.code !== f.code) return false;
  if (f.system === null && c.system !== undefined) return false;
  if (typeof f.system === 'string' && c.system !== f.system) return false;
  if (f.text !== undefined && !normalizeString(c.display ?? '').startsWith(normalizeString(f.text))) return false;
  return true;
}

/** A code column whose codes stand for known codings; a code outside them (an older event) matches by code alone. */
function codedColumn(f: Token, column: string, codings: readonly Coding[], params: SqlParams): string {
  if (f.system === undefined && f.text === undefined) return f.code === undefined ? 'TRUE' : `${column} = ${params.add(f.code)}`;
  const codes = codings.filter((c) => codingMatches(f, c)).map((c) => c.code!);
  return codes.length === 0 ? NONE : `${column} = ANY(${params.add(codes)}::text[])`;
}

/** A column holding a plain code (R4 `code` or `string`): its index row has no system and no text. */
function plainColumn(f: Token, column: string, params: SqlParams): string {
  if (typeof f.system === 'string' || f.text !== undefined) return NONE;
  return f.code === undefined ? `${column} IS NOT NULL` : `${column} = ${params.add(f.code)}`;
}

/** Each entity's type and role coding, with the condition under which the event has such an entity. */
function entityCodings(a: string): { type: Coding; role?: Coding; present: string }[] {
  return [
    { type: ENTITY.systemObject, role: ENTITY.queryRole, present: `${a}.query IS NOT NULL` },
    { type: ENTITY.person, role: ENTITY.patientRole, present: `cardinality(${a}.patients) > 0` },
    { type: ENTITY.systemObject, present: `${a}.scope IS NOT NULL` },
  ];
}

function entityToken(f: Token, a: string, params: SqlParams, by: 'type' | 'role'): string {
  const parts = entityCodings(a)
    .filter((e) => e[by] !== undefined && codingMatches(f, e[by]))
    .map((e) => e.present);
  // The resource entity: typed by its resource type (no display), in the Domain Resource role.
  if (by === 'role' && codingMatches(f, ENTITY.domainResourceRole)) parts.push(`${a}.entity_id IS NOT NULL`);
  if (by === 'type' && (f.system === undefined || f.system === RESOURCE_TYPES) && f.text === undefined) {
    parts.push(f.code === undefined ? `${a}.entity_type IS NOT NULL` : `${a}.entity_type = ${params.add(f.code)}`);
  }
  return any(parts);
}

function stringMatch(f: Extract<Filter, { kind: 'string' }>, column: string, params: SqlParams): string {
  if (f.match === 'exact') return `${column} = ${params.add(f.value)}`;
  const norm = escapeLike(normalizeString(f.value));
  return `lower(${column}) LIKE ${params.add(f.match === 'contains' ? `%${norm}%` : `${norm}%`)}`;
}

function wantsType(f: Reference, type: string): boolean {
  return f.targetTypes === undefined || f.targetTypes.includes(type);
}

function patientReference(f: Reference, a: string, params: SqlParams): string {
  if (!wantsType(f, 'Patient') || f.url !== undefined || f.identifier !== undefined) return NONE;
  if (f.targetId === undefined) return `cardinality(${a}.patients) > 0`;
  if (f.targetVersion !== undefined) {
    return `(${a}.entity_type = 'Patient' AND ${a}.entity_id = ${params.add(f.targetId)} AND ${a}.entity_version = ${params.add(f.targetVersion)})`;
  }
  return `${a}.patients @> ARRAY[${params.add(f.targetId)}::text]`;
}

function entityReference(f: Reference, a: string, params: SqlParams): string {
  if (f.url !== undefined || f.identifier !== undefined) return NONE;
  const resource: string[] = [];
  if (f.targetId !== undefined) resource.push(`${a}.entity_id = ${params.add(f.targetId)}`);
  else resource.push(`${a}.entity_id IS NOT NULL`);
  if (f.targetTypes !== undefined) resource.push(`${a}.entity_type = ANY(${params.add(f.targetTypes)}::text[])`);
  if (f.targetVersion !== undefined) resource.push(`${a}.entity_version = ${params.add(f.targetVersion)}`);
  return any([`(${resource.join(' AND ')})`, f.targetVersion === undefined ? patientReference(f, a, params) : NONE]);
}

function agentReference(f: Reference, a: string, params: SqlParams): string {
  if (f.url !== undefined || f.targetVersion !== undefined) return NONE;
  if (f.identifier !== undefined) {
    const { system, value } = f.identifier;
    const client = [`${a}.client_id IS NOT NULL`];
    if (system !== undefined && system !== CLIENT_ID_SYSTEM) client.push(NONE);
    if (value !== undefined) client.push(`${a}.client_id = ${params.add(value)}`);
    const professional = [`${a}.professional_value IS NOT NULL`];
    if (system !== undefined) professional.push(`${a}.professional_system = ${params.add(system)}`);
    if (value !== undefined) professional.push(`${a}.professional_value = ${params.add(value)}`);
    return any([client.includes(NONE) ? NONE : `(${client.join(' AND ')})`, `(${professional.join(' AND ')})`]);
  }
  if (!wantsType(f, 'Organization')) return NONE;
  return f.targetId === undefined ? `${a}.organization_id IS NOT NULL` : `${a}.organization_id = ${params.add(f.targetId)}`;
}

function sourceReference(f: Reference, a: string, params: SqlParams): string {
  if (f.identifier === undefined || (f.identifier.system !== undefined && f.identifier.system !== 'urn:ietf:rfc:3986')) return NONE;
  return f.identifier.value === undefined ? `${a}.source <> ''` : `${a}.source = ${params.add(f.identifier.value)}`;
}

const TOKEN_ID = 'urn:uuid:';

function policyUri(f: Extract<Filter, { kind: 'uri' }>, a: string, params: SqlParams): string {
  const uri = `('${TOKEN_ID}' || ${a}.token_id)`;
  if (f.match === 'below') return `${uri} LIKE ${params.add(`${escapeLike(f.value)}%`)}`;
  if (f.match === 'above') return `${params.add(f.value)} LIKE replace(replace(replace(${uri}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
  return f.value.startsWith(TOKEN_ID) ? `${a}.token_id = ${params.add(f.value.slice(TOKEN_ID.length))}` : NONE;
}

/** A single instant against a searched range (https://hl7.org/fhir/R4/search.html#prefix), kept sargable. */
export function instantCondition(comparator: Comparator, column: string, low: string, high: string, params: SqlParams): string {
  const lo = () => `${params.add(low)}::timestamptz`;
  const hi = () => `${params.add(high)}::timestamptz`;
  switch (comparator) {
    case 'eq':
    case 'ap':
      return `(${column} >= ${lo()} AND ${column} <= ${hi()})`;
    case 'ne':
      return `NOT (${column} >= ${lo()} AND ${column} <= ${hi()})`;
    case 'gt':
    case 'sa':
      return `${column} > ${hi()}`;
    case 'lt':
    case 'eb':
      return `${column} < ${lo()}`;
    case 'ge':
      return `${column} >= ${lo()}`;
    case 'le':
      return `${column} <= ${hi()}`;
  }
}

/** The condition for one parameter test. */
function leaf(f: Filter, a: string, params: SqlParams): string {
  switch (f.kind) {
    case 'token':
      switch (f.param) {
        case '_id':
          return plainColumn(f, `${a}.id`, params);
        case 'action':
          return plainColumn(f, `${a}.action`, params);
        case 'outcome':
          return plainColumn(f, `${a}.outcome`, params);
        case 'site':
          return plainColumn(f, `substring(${a}.source FROM '^[a-z]+://([^/]+)')`, params);
        case 'type':
          return codedColumn(f, `${a}.type_code`, TYPE_CODINGS, params);
        case 'subtype':
          return codedColumn(f, `${a}.subtype_code`, SUBTYPE_CODINGS, params);
        case 'entity-type':
          return entityToken(f, a, params, 'type');
        case 'entity-role':
          return entityToken(f, a, params, 'role');
        case 'agent-role':
          // A CodeableConcept with only a text: found by :text, never by a code.
          if (f.code !== undefined || typeof f.system === 'string') return NONE;
          return f.text === undefined ? `${a}.organization_role IS NOT NULL` : `lower(${a}.organization_role) LIKE ${params.add(`${escapeLike(normalizeString(f.text))}%`)}`;
        default:
          return NONE;
      }
    case 'string':
      if (f.param === 'address') return stringMatch(f, `${a}.address`, params);
      if (f.param === 'entity-name') return stringMatch(f, `CASE WHEN ${a}.scope IS NOT NULL THEN 'access token' END`, params);
      return NONE;
    case 'reference':
      if (f.param === 'patient') return patientReference(f, a, params);
      if (f.param === 'entity') return entityReference(f, a, params);
      if (f.param === 'agent') return agentReference(f, a, params);
      if (f.param === 'source') return sourceReference(f, a, params);
      return NONE;
    case 'date':
      return f.param === 'date' || f.param === '_lastUpdated' ? instantCondition(f.comparator, `${a}.recorded`, f.low, f.high, params) : NONE;
    case 'uri':
      return f.param === 'policy' ? policyUri(f, a, params) : NONE;
    default:
      return NONE;
  }
}

/** Whether the event has any value for `param` (`:missing`). */
function present(param: string, a: string): string {
  const always = ['_id', '_lastUpdated', 'action', 'outcome', 'date', 'type', 'site', 'source'];
  if (always.includes(param)) return 'TRUE';
  const entity = `(${a}.entity_id IS NOT NULL OR cardinality(${a}.patients) > 0 OR ${a}.query IS NOT NULL OR ${a}.scope IS NOT NULL)`;
  const conditions: Record<string, string> = {
    subtype: `${a}.subtype_code IS NOT NULL`,
    address: `${a}.address IS NOT NULL`,
    agent: `(${a}.client_id IS NOT NULL OR ${a}.organization_id IS NOT NULL OR ${a}.professional_value IS NOT NULL)`,
    'agent-role': `${a}.organization_role IS NOT NULL`,
    entity: `(${a}.entity_id IS NOT NULL OR cardinality(${a}.patients) > 0)`,
    'entity-name': `${a}.scope IS NOT NULL`,
    'entity-role': `(${a}.entity_id IS NOT NULL OR cardinality(${a}.patients) > 0 OR ${a}.query IS NOT NULL)`,
    'entity-type': entity,
    patient: `cardinality(${a}.patients) > 0`,
    policy: `${a}.token_id IS NOT NULL`,
  };
  return conditions[param] ?? NONE;
}

/** Resources a reference parameter of the event points at, as a join condition on the resources row `t`. */
function pointsAt(param: string, a: string, t: string): string {
  const patient = `(${t}.resource_type = 'Patient' AND ${t}.id = ANY(${a}.patients))`;
  if (param === 'patient') return patient;
  if (param === 'agent') return `(${t}.resource_type = 'Organization' AND ${t}.id = ${a}.organization_id)`;
  if (param === 'entity') return `((${t}.resource_type = ${a}.entity_type AND ${t}.id = ${a}.entity_id) OR ${patient})`;
  return NONE;
}

/** SQL condition for `filter` on the audit_log row aliased `a`. */
export function auditFilter(filter: Filter, a: string, params: SqlParams): string {
  switch (filter.kind) {
    case 'and':
      return filter.filters.length === 0 ? 'TRUE' : `(${filter.filters.map((f) => auditFilter(f, a, params)).join(' AND ')})`;
    case 'or':
      return filter.filters.length === 0 ? NONE : `(${filter.filters.map((f) => auditFilter(f, a, params)).join(' OR ')})`;
    case 'not':
      return `NOT ${auditFilter(filter.filter, a, params)}`;
    case 'id':
      return `${a}.id = ANY(${params.add(filter.ids)}::text[])`;
    case 'type':
      return filter.resourceTypes.includes('AuditEvent') ? 'TRUE' : NONE;
    case 'last-updated':
      return instantCondition(filter.comparator, `${a}.recorded`, filter.low, filter.high, params);
    case 'missing':
      return filter.missing ? `NOT ${present(filter.param, a)}` : present(filter.param, a);
    case 'chain': {
      const t = params.alias('t');
      const join = pointsAt(filter.param, a, t);
      if (join === NONE) return NONE;
      return (
        `EXISTS (SELECT 1 FROM resources ${t} WHERE ${join} AND ${t}.resource_type = ANY(${params.add(filter.targetTypes)}::text[]) ` +
        `AND NOT ${t}.deleted AND ${buildFilter(filter.filter, t, params)})`
      );
    }
    case 'has': {
      // Resources that point at the event (none of Brug's do, but a client's Provenance may).
      const h = params.alias('h');
      const s = params.alias('s');
      return (
        `EXISTS (SELECT 1 FROM sp_reference ${h} JOIN resources ${s} ON ${s}.resource_type = ${h}.resource_type AND ${s}.id = ${h}.id ` +
        `WHERE ${h}.resource_type = ${params.add(filter.sourceType)} AND ${h}.param = ${params.add(filter.param)} ` +
        `AND ${h}.target_type = 'AuditEvent' AND ${h}.target_id = ${a}.id AND NOT ${s}.deleted AND ${buildFilter(filter.filter, s, params)})`
      );
    }
    default:
      return leaf(filter, a, params);
  }
}
