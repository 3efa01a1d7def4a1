import type { Filter } from '../../store/index.ts';
import { CUSTODIAN_TYPES, DIRECTORY_TYPES, roleReads } from './access-policy.ts';
import { custodianFilter } from './custodian.ts';

/**
 * Which instances of a type a role reads, as a store Filter the engine ANDs into every query (search, include,
 * read, history, conditional matching, chains and _has). Undefined: every instance. The rules follow the referral:
 * a practice sees what it placed, a social-domain organisation what it was given while the consent stands.
 */
export const NOTHING: Filter = { kind: 'id', ids: [] };

const or = (...filters: Filter[]): Filter => ({ kind: 'or', filters });
const and = (...filters: Filter[]): Filter => ({ kind: 'and', filters });
const organization = (param: string, id: string): Filter => ({ kind: 'reference', param, targetTypes: ['Organization'], targetId: id });
const chain = (param: string, type: string, filter: Filter): Filter => ({ kind: 'chain', param, targetTypes: [type], filter });
const has = (sourceType: string, param: string, filter: Filter): Filter => ({ kind: 'has', sourceType, param, filter });
const ACTIVE: Filter = { kind: 'token', param: 'status', code: 'active' };

/**
 * A Consent that stands now: active, and its provision period (when it has one) includes this moment. A consent
 * whose period has ended hides the referral as a withdrawal does, without anyone changing its status.
 */
function standing(): Filter {
  const now = new Date().toISOString();
  const inPeriod: Filter = { kind: 'date', param: 'period', comparator: 'ap', low: now, high: now };
  return and(ACTIVE, or({ kind: 'missing', param: 'period', table: 'date', missing: true }, inPeriod));
}

/** `param` points at the organisation, at one of its PractitionerRoles, or at one of its HealthcareServices. */
export function orgRef(param: string, id: string): Filter {
  return or(
    organization(param, id),
    chain(param, 'PractitionerRole', organization('organization', id)),
    chain(param, 'HealthcareService', organization('organization', id)),
  );
}

function firstLine(type: string, p: string): Filter | undefined {
  const mine = custodianFilter(p);
  const placed: Filter = orgRef('requester', p);
  switch (type) {
    case 'ServiceRequest':
    case 'Task':
      return or(placed, mine);
    case 'Consent':
      return or(organization('organization', p), mine, has('ServiceRequest', 'supporting-info', placed));
    case 'Communication':
      return or(mine, orgRef('recipient', p), chain('about', 'Task', placed), chain('based-on', 'ServiceRequest', placed));
    case 'Patient':
      return or(mine, has('ServiceRequest', 'subject', placed));
    default:
      return undefined;
  }
}

/** The referrals a social-domain organisation may read: a Task it owns points at them, and their consent stands. */
function referralsOf(w: string): Filter {
  return and(has('Task', 'focus', orgRef('owner', w)), chain('supporting-info', 'Consent', standing()));
}

function socialDomain(type: string, w: string): Filter | undefined {
  const mine = custodianFilter(w);
  switch (type) {
    case 'Task':
      // Still visible after the consent is withdrawn, so the organisation sees its work stop.
      return or(orgRef('owner', w), mine);
    case 'ServiceRequest':
      return referralsOf(w);
    case 'Consent':
      return and(standing(), has('ServiceRequest', 'supporting-info', has('Task', 'focus', orgRef('owner', w))));
    case 'Patient':
      return has('ServiceRequest', 'subject', referralsOf(w));
    case 'Communication':
      return and(
        or(mine, orgRef('recipient', w), chain('about', 'Task', orgRef('owner', w))),
        chain('based-on', 'ServiceRequest', chain('supporting-info', 'Consent', standing())),
      );
    default:
      return undefined;
  }
}

function municipality(type: string, g: string): Filter | undefined {
  if (type === 'MeasureReport') return or(organization('reporter', g), custodianFilter(g));
  return undefined;
}

/**
 * The read filter of `role` (acting for organisation `organizationId`) on `resourceType`. A type the role never
 * reads yields NOTHING, so system-level searches and history simply leave it out.
 */
export function readScope(role: string, organizationId: string | undefined, resourceType: string): Filter | undefined {
  if (role === 'admin') return undefined;
  if (!roleReads(role, resourceType)) return NOTHING;
  if (DIRECTORY_TYPES.includes(resourceType) || (role === 'auditor' && resourceType === 'AuditEvent')) return undefined;
  if (organizationId === undefined) return NOTHING;
  if (CUSTODIAN_TYPES.includes(resourceType)) return custodianFilter(organizationId);
  const rule =
    role === 'first-line' ? firstLine(resourceType, organizationId)
    : role === 'social-domain' ? socialDomain(resourceType, organizationId)
    : role === 'municipality' ? municipality(resourceType, organizationId)
    : undefined;
  return rule ?? NOTHING;
}
