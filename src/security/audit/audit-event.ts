/**
 * One NEN 7513 log entry as an R4 AuditEvent (https://hl7.org/fhir/R4/auditevent.html): what happened (type,
 * subtype, action), when (recorded, period), who (client, organisation, professional), on what (entities: resources,
 * the patients they concern, the query), from where (source, the caller's network address) and the outcome.
 * It holds references and codes only, never a resource body.
 */
import type { AuditEvent, AuditEventAgent, AuditEventEntity, Coding } from '@medplum/fhirtypes';
import type { ActingProfessional, OrganizationRef } from '../principal.ts';
import { AGENT_TYPE, CLIENT_ID_SYSTEM, ENTITY, RESOURCE_TYPES, SOURCE_TYPE, type AuditAction, type AuditOutcome } from './audit-codes.ts';

/** Who acted, as far as it is known (a refused request may have no client at all). */
export interface AuditActor {
  readonly clientId?: string;
  readonly organization?: OrganizationRef;
  /** The organisation's role in the chain. */
  readonly role?: string;
  readonly practitioner?: ActingProfessional;
  /** The access token's id, so the entries of one token can be linked. */
  readonly tokenId?: string;
  readonly ip?: string;
}

/** Where the events are observed: this server. */
export interface AuditSource {
  readonly site: string;
  readonly baseUrl: string;
}

export interface AuditFacts {
  readonly type: Coding;
  readonly subtype?: Coding;
  readonly action: AuditAction;
  readonly recorded: string;
  /** When the interaction started, if it took measurable time. */
  readonly started?: string;
  readonly outcome: AuditOutcome;
  readonly outcomeDesc?: string;
  readonly actor: AuditActor;
  readonly entities: readonly AuditEventEntity[];
}

function agents(actor: AuditActor): AuditEventAgent[] {
  const client: AuditEventAgent = {
    type: AGENT_TYPE.application,
    ...(actor.clientId ? { who: { identifier: { system: CLIENT_ID_SYSTEM, value: actor.clientId } } } : {}),
    requestor: true,
    // R4 names the security token used under policy.
    ...(actor.tokenId ? { policy: [`urn:uuid:${actor.tokenId}`] } : {}),
    ...(actor.ip ? { network: { address: actor.ip, type: '2' as const } } : {}),
  };
  const list = [client];
  if (actor.organization) {
    list.push({
      ...(actor.role ? { role: [{ text: actor.role }] } : {}),
      who: { reference: actor.organization.reference },
      requestor: false,
    });
  }
  if (actor.practitioner) {
    list.push({ type: AGENT_TYPE.humanUser, who: { identifier: { system: actor.practitioner.system, value: actor.practitioner.value } }, requestor: true });
  }
  return list;
}

export function buildAuditEvent(facts: AuditFacts, source: AuditSource): AuditEvent {
  return {
    resourceType: 'AuditEvent',
    type: facts.type,
    ...(facts.subtype ? { subtype: [facts.subtype] } : {}),
    action: facts.action,
    ...(facts.started ? { period: { start: facts.started, end: facts.recorded } } : {}),
    recorded: facts.recorded,
    outcome: facts.outcome,
    ...(facts.outcomeDesc ? { outcomeDesc: facts.outcomeDesc } : {}),
    agent: agents(facts.actor),
    source: { site: source.site, observer: { identifier: { system: 'urn:ietf:rfc:3986', value: source.baseUrl }, display: 'Brug' }, type: [SOURCE_TYPE] },
    ...(facts.entities.length ? { entity: [...facts.entities] } : {}),
  };
}

/** A resource the event is about, with its version when known. */
export function resourceEntity(type: string, id: string, versionId?: string): AuditEventEntity {
  return {
    what: { reference: versionId ? `${type}/${id}/_history/${versionId}` : `${type}/${id}` },
    type: { system: RESOURCE_TYPES, code: type },
    role: ENTITY.domainResourceRole,
  };
}

export function patientEntity(reference: string): AuditEventEntity {
  return { what: { reference }, type: ENTITY.person, role: ENTITY.patientRole };
}

/** The search or operation as it was asked (`Task?status=requested`), base64 as R4 wants it. */
export function queryEntity(query: string): AuditEventEntity {
  return { type: ENTITY.systemObject, role: ENTITY.queryRole, query: Buffer.from(query, 'utf8').toString('base64') };
}
