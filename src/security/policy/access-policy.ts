import { isRole, type Role } from '../roles.ts';
import type { ScopeAction } from '../scopes.ts';

/**
 * What each role may do with each resource type (handreiking §9, afsprakenstel): the SMART actions
 * `c r u d s`. A type a role does not list is closed to it. Which instances it reads is `read-scopes.ts`;
 * what a write must contain is `write-rules.ts`. An administrator may do everything except change the audit trail.
 */
export const DIRECTORY_TYPES: readonly string[] = [
  'Organization', 'Practitioner', 'PractitionerRole', 'Location', 'HealthcareService',
  'StructureDefinition', 'SearchParameter', 'CodeSystem', 'ValueSet', 'ConceptMap', 'ImplementationGuide', 'Measure',
];

/** Resources an organisation keeps for itself, visible only to the organisation that wrote them (the custodian). */
export const CUSTODIAN_TYPES: readonly string[] = ['QuestionnaireResponse', 'Observation', 'Goal', 'CarePlan', 'Subscription'];

type Grants = Readonly<Record<string, string>>;

function grant(types: readonly string[], actions: string): Grants {
  return Object.fromEntries(types.map((t) => [t, actions]));
}

const READ_DIRECTORY = grant(DIRECTORY_TYPES, 'rs');

const TABLE: Readonly<Record<Exclude<Role, 'admin'>, Grants>> = {
  'first-line': {
    ...READ_DIRECTORY,
    Practitioner: 'crusd',
    PractitionerRole: 'crusd',
    ...grant(['Patient', 'ServiceRequest', 'Task', 'Consent', 'Communication'], 'crusd'),
    ...grant(CUSTODIAN_TYPES, 'crusd'),
  },
  'social-domain': {
    ...READ_DIRECTORY,
    ...grant(['Practitioner', 'PractitionerRole', 'HealthcareService', 'Location'], 'crus'),
    Patient: 'rs',
    ServiceRequest: 'rs',
    Consent: 'rs',
    // The Task is the referral's workflow: the practice creates it, the organisation that owns it moves it on.
    Task: 'rus',
    Communication: 'crus',
    ...grant(CUSTODIAN_TYPES, 'crus'),
  },
  municipality: {
    ...READ_DIRECTORY,
    MeasureReport: 'rs',
    Subscription: 'crusd',
  },
  auditor: {
    ...READ_DIRECTORY,
    AuditEvent: 'rs',
  },
};

/** The audit trail is written by the server only. */
export const APPEND_ONLY_TYPES: ReadonlySet<string> = new Set(['AuditEvent']);

/** Whether the role may take the action on the type; a role the policy does not know may take none. */
export function roleAllows(role: string, resourceType: string, action: ScopeAction): boolean {
  if (!isRole(role)) return false;
  if (role === 'admin') return !(APPEND_ONLY_TYPES.has(resourceType) && action !== 'r' && action !== 's');
  return TABLE[role][resourceType]?.includes(action) ?? false;
}

/** Whether the role reads any instance of the type at all. */
export function roleReads(role: string, resourceType: string): boolean {
  return roleAllows(role, resourceType, 'r') || roleAllows(role, resourceType, 's');
}
