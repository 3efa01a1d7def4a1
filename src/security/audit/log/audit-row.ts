/**
 * One NEN 7513 log entry as the audit log keeps it: a compact row with the standard's fields as columns, from which
 * the AuditEvent is rendered when an auditor reads it. The entity list is kept in one fixed order (query, resource,
 * patients, token), the order in which the events are built.
 */
import type { AuditEvent, AuditEventEntity } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { ENTITY, RESOURCE_TYPES } from '../audit-codes.ts';
import { buildAuditEvent, type AuditFacts } from '../audit-event.ts';
import { codingOfSubtype, codingOfType } from './audit-row-codes.ts';

export interface AuditRow {
  readonly id: string;
  /** ISO 8601 instant; also the partition key and the event's `meta.lastUpdated`. */
  readonly recorded: string;
  readonly started: string | null;
  readonly typeCode: string;
  readonly subtypeCode: string | null;
  readonly action: string;
  readonly outcome: string;
  readonly outcomeDesc: string | null;
  readonly clientId: string | null;
  readonly organizationId: string | null;
  readonly organizationRole: string | null;
  readonly professionalSystem: string | null;
  readonly professionalValue: string | null;
  readonly tokenId: string | null;
  readonly address: string | null;
  readonly entityType: string | null;
  readonly entityId: string | null;
  readonly entityVersion: string | null;
  /** Ids of the patients whose records were accessed, without `Patient/`. */
  readonly patients: readonly string[];
  readonly query: string | null;
  /** The scope of a token request (granted, or asked for when refused). */
  readonly scope: string | null;
  /** The server's FHIR base URL, as the event's observer. */
  readonly source: string;
  /** An event stored before the log (or written as a whole resource): its JSON as it was, served as is. */
  readonly legacy: string | null;
}

const REFERENCE = /^([A-Za-z]+)\/([^/]+)(?:\/_history\/([^/]+))?$/;

function roleCode(entity: AuditEventEntity): string | undefined {
  return entity.role?.code;
}

/** The row of an event the server builds. */
export function rowOfFacts(facts: AuditFacts, source: string): AuditRow {
  let resource: RegExpExecArray | null = null;
  let query: string | null = null;
  let scope: string | null = null;
  const patients: string[] = [];
  for (const entity of facts.entities) {
    const role = roleCode(entity);
    if (role === ENTITY.queryRole.code && entity.query !== undefined) query = Buffer.from(entity.query, 'base64').toString('utf8');
    else if (role === ENTITY.patientRole.code && entity.what?.reference) patients.push(entity.what.reference.slice('Patient/'.length));
    else if (role === ENTITY.domainResourceRole.code && entity.what?.reference) resource = REFERENCE.exec(entity.what.reference);
    else if (entity.detail?.[0]?.valueString !== undefined) scope = entity.detail[0].valueString;
  }
  const { actor } = facts;
  return {
    id: randomUUID(),
    recorded: facts.recorded,
    started: facts.started ?? null,
    typeCode: facts.type.code!,
    subtypeCode: facts.subtype?.code ?? null,
    action: facts.action,
    outcome: facts.outcome,
    outcomeDesc: facts.outcomeDesc ?? null,
    clientId: actor.clientId ?? null,
    organizationId: actor.organization?.id ?? null,
    organizationRole: actor.organization ? (actor.role ?? null) : null,
    professionalSystem: actor.practitioner?.system ?? null,
    professionalValue: actor.practitioner?.value ?? null,
    tokenId: actor.tokenId ?? null,
    address: actor.ip ?? null,
    entityType: resource?.[1] ?? null,
    entityId: resource?.[2] ?? null,
    entityVersion: resource?.[3] ?? null,
    patients,
    query,
    scope,
    source,
    legacy: null,
  };
}

function entitiesOf(row: AuditRow): AuditEventEntity[] {
  const list: AuditEventEntity[] = [];
  if (row.query !== null) list.push({ type: ENTITY.systemObject, role: ENTITY.queryRole, query: Buffer.from(row.query, 'utf8').toString('base64') });
  if (row.entityType !== null && row.entityId !== null) {
    const version = row.entityVersion !== null ? `/_history/${row.entityVersion}` : '';
    list.push({ what: { reference: `${row.entityType}/${row.entityId}${version}` }, type: { system: RESOURCE_TYPES, code: row.entityType }, role: ENTITY.domainResourceRole });
  }
  for (const p of row.patients) list.push({ what: { reference: `Patient/${p}` }, type: ENTITY.person, role: ENTITY.patientRole });
  if (row.scope !== null) {
    list.push({ type: ENTITY.systemObject, name: 'access token', detail: [{ type: row.outcome === '0' ? 'scope' : 'requested scope', valueString: row.scope }] });
  }
  return list;
}

/** The AuditEvent JSON of a row, exactly as the event was built when it was recorded. */
export function renderRow(row: AuditRow): string {
  if (row.legacy !== null) return row.legacy;
  const event = buildAuditEvent(
    {
      type: codingOfType(row.typeCode),
      subtype: row.subtypeCode !== null ? codingOfSubtype(row.subtypeCode) : undefined,
      action: row.action as AuditFacts['action'],
      recorded: row.recorded,
      started: row.started ?? undefined,
      outcome: row.outcome as AuditFacts['outcome'],
      outcomeDesc: row.outcomeDesc ?? undefined,
      actor: {
        clientId: row.clientId ?? undefined,
        organization: row.organizationId !== null ? { id: row.organizationId, reference: `Organization/${row.organizationId}` } : undefined,
        role: row.organizationRole ?? undefined,
        practitioner: row.professionalSystem !== null && row.professionalValue !== null ? { system: row.professionalSystem, value: row.professionalValue } : undefined,
        tokenId: row.tokenId ?? undefined,
        ip: row.address ?? undefined,
      },
      entities: entitiesOf(row),
    },
    { site: new URL(row.source).host, baseUrl: row.source },
  );
  const { resourceType, ...rest } = event;
  const stored: AuditEvent = { resourceType, id: row.id, meta: { versionId: '1', lastUpdated: row.recorded }, ...rest };
  return JSON.stringify(stored);
}
