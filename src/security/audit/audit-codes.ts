/**
 * The codes an AuditEvent is built from (https://hl7.org/fhir/R4/auditevent.html), and Brug's own identifier system
 * for client ids. Kept in one table so the auditor's searches (`type`, `subtype`, `entity-role`…) have one source.
 */
import type { Coding } from '@medplum/fhirtypes';
import type { InteractionCode } from '../../fhir/index.ts';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';
const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';

/** The client id a registered backend client authenticates with. */
export const CLIENT_ID_SYSTEM = 'https://brug.example.org/fhir/NamingSystem/client-id';
export const RESOURCE_TYPES = 'http://hl7.org/fhir/resource-types';

export const EVENT_TYPE = {
  rest: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'Restful Operation' },
  userAuthentication: { system: DCM, code: '110114', display: 'User Authentication' },
} satisfies Record<string, Coding>;

export const LOGIN: Coding = { system: DCM, code: '110122', display: 'Login' };

export function interactionSubtype(interaction: InteractionCode): Coding {
  return { system: 'http://hl7.org/fhir/restful-interaction', code: interaction, display: interaction };
}

export type AuditAction = 'C' | 'R' | 'U' | 'D' | 'E';

/** The action of each interaction: searches, operations and Bundles execute; history and capabilities read. */
export const INTERACTION_ACTION: Record<InteractionCode, AuditAction> = {
  create: 'C',
  read: 'R',
  vread: 'R',
  'history-instance': 'R',
  'history-type': 'R',
  'history-system': 'R',
  capabilities: 'R',
  update: 'U',
  patch: 'U',
  delete: 'D',
  'search-type': 'E',
  'search-system': 'E',
  batch: 'E',
  transaction: 'E',
  operation: 'E',
};

export const AGENT_TYPE = {
  application: { coding: [{ system: DCM, code: '110150', display: 'Application' }] },
  humanUser: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/extra-security-role-type', code: 'humanuser', display: 'human user' }] },
};

export const ENTITY = {
  person: { system: ENTITY_TYPE, code: '1', display: 'Person' },
  systemObject: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
  patientRole: { system: OBJECT_ROLE, code: '1', display: 'Patient' },
  domainResourceRole: { system: OBJECT_ROLE, code: '4', display: 'Domain Resource' },
  queryRole: { system: OBJECT_ROLE, code: '24', display: 'Query' },
} satisfies Record<string, Coding>;

export const SOURCE_TYPE: Coding = { system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' };

/** 0 success, 4 minor failure (the caller's: refused, invalid), 8 serious failure (the server's). */
export type AuditOutcome = '0' | '4' | '8';

export function outcomeForStatus(status: number): AuditOutcome {
  if (status < 400) return '0';
  return status < 500 ? '4' : '8';
}
