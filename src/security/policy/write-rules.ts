import type { Communication, Consent, HealthcareService, Location, PractitionerRole, Reference, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import type { Repository } from '../../store/index.ts';
import { SecurityErrors } from '../errors.ts';
import { isRole, type Role } from '../roles.ts';
import { currentResource, idsMatching, organizationOf, referenceKey } from '../../fhir/index.ts';
import { readScope } from './read-scopes.ts';

/** What a write rule sees: the new content, the version it replaces, and the writer's organisation. */
export interface WriteSubject {
  readonly resource: Resource;
  readonly previous?: Resource;
  readonly organizationId: string;
  /** The write's own transaction, to resolve what references stand for. */
  readonly repo: Repository;
}

interface Violation {
  readonly message: string;
  readonly expression: string;
}

type Rule = (subject: WriteSubject) => Promise<Violation | undefined>;

type Field = (resource: Resource) => Reference | Reference[] | undefined;

/** Every reference in `field` stands for the writer's organisation; `required`: there must be at least one. */
function resolvesToOwn(expression: string, field: Field, required: boolean): Rule {
  return async ({ resource, organizationId, repo }) => {
    const value = field(resource);
    const references = value === undefined ? [] : Array.isArray(value) ? value : [value];
    if (references.length === 0) return required ? { message: `${expression} must name your organisation (Organization/${organizationId}) or one of its roles or services`, expression } : undefined;
    for (const reference of references) {
      if ((await organizationOf(repo, reference)) !== organizationId) {
        return { message: `${expression} must stand for your organisation (Organization/${organizationId}); ${reference.reference ?? 'this reference'} does not`, expression };
      }
    }
    return undefined;
  };
}

/** Some reference in `field` names the writer's organisation itself (Consent.organization may list several). */
function includesOwn(expression: string, field: Field): Rule {
  return async ({ resource, organizationId }) => {
    const value = field(resource);
    const references = value === undefined ? [] : Array.isArray(value) ? value : [value];
    if (references.length === 0 || references.some((r) => referenceKey(r)?.type === 'Organization' && referenceKey(r)?.id === organizationId)) return undefined;
    return { message: `${expression} must include your organisation (Organization/${organizationId})`, expression };
  };
}

/** The previous version passes `rule` too: an organisation may not take over what another one holds. */
function beforeAndAfter(rule: Rule): Rule {
  return async (subject) => {
    if (subject.previous) {
      const before = await rule({ ...subject, resource: subject.previous });
      if (before) return { ...before, message: `You may only change what your organisation holds: ${before.message}` };
    }
    return rule(subject);
  };
}

/** Every Task a Communication is `about` is owned by the writer's organisation. */
const aboutOwnTasks: Rule = async ({ resource, organizationId, repo }) => {
  for (const reference of (resource as Communication).about ?? []) {
    const key = referenceKey(reference);
    if (key?.type !== 'Task') continue;
    const task = await currentResource(repo, 'Task', key.id);
    const owner = task?.resourceType === 'Task' ? await organizationOf(repo, task.owner) : undefined;
    if (owner !== organizationId) return { message: `Communication.about may only name Tasks your organisation owns; ${reference.reference} is not one`, expression: 'Communication.about' };
  }
  return undefined;
};

/**
 * Every `type` that `field` names is one the writer may read. The workflow then judges what those resources say
 * (the consent gate reads the Consents a referral names, and says why one does not fit): without this rule a
 * practice could name another practice's Consent and learn its patient, status and period from the refusal. One
 * it may not read and one that does not exist get the same answer.
 */
function namesOnlyReadable(expression: string, type: string, field: (resource: Resource) => Reference[]): Rule {
  return async ({ resource, organizationId, repo }) => {
    const ids = [...new Set(field(resource).map(referenceKey).filter((k) => k?.type === type).map((k) => k!.id))];
    if (ids.length === 0) return undefined;
    const scope = readScope('first-line', organizationId, type);
    const readable = await idsMatching(repo, type, ids, scope ? [scope] : []);
    const hidden = ids.find((id) => !readable.has(id));
    return hidden === undefined ? undefined : { message: `${expression} may only name a ${type} your organisation can read; ${type}/${hidden} is not one`, expression };
  };
}

function all(...rules: Rule[]): Rule {
  return async (subject) => {
    for (const rule of rules) {
      const violation = await rule(subject);
      if (violation) return violation;
    }
    return undefined;
  };
}

const RULES: Readonly<Partial<Record<Role, Readonly<Record<string, Rule>>>>> = {
  'first-line': {
    ServiceRequest: all(
      resolvesToOwn('ServiceRequest.requester', (r) => (r as ServiceRequest).requester, true),
      namesOnlyReadable('ServiceRequest.supportingInfo', 'Consent', (r) => (r as ServiceRequest).supportingInfo ?? []),
    ),
    Task: all(
      resolvesToOwn('Task.requester', (r) => (r as Task).requester, true),
      namesOnlyReadable('Task.focus', 'ServiceRequest', (r) => ((r as Task).focus ? [(r as Task).focus!] : [])),
    ),
    Consent: includesOwn('Consent.organization', (r) => (r as Consent).organization),
    Communication: resolvesToOwn('Communication.sender', (r) => (r as Communication).sender, false),
    PractitionerRole: beforeAndAfter(resolvesToOwn('PractitionerRole.organization', (r) => (r as PractitionerRole).organization, true)),
  },
  'social-domain': {
    Task: beforeAndAfter(resolvesToOwn('Task.owner', (r) => (r as Task).owner, true)),
    Communication: all(resolvesToOwn('Communication.sender', (r) => (r as Communication).sender, true), aboutOwnTasks),
    HealthcareService: beforeAndAfter(resolvesToOwn('HealthcareService.providedBy', (r) => (r as HealthcareService).providedBy, true)),
    Location: beforeAndAfter(resolvesToOwn('Location.managingOrganization', (r) => (r as Location).managingOrganization, true)),
    PractitionerRole: beforeAndAfter(resolvesToOwn('PractitionerRole.organization', (r) => (r as PractitionerRole).organization, true)),
  },
};

/** Throws a 403 that says what is wrong and where when the content breaks the role's rule for its type. */
export async function checkWriteContent(role: string, subject: WriteSubject): Promise<void> {
  const rule = isRole(role) ? RULES[role]?.[subject.resource.resourceType] : undefined;
  const violation = rule && (await rule(subject));
  if (violation) throw SecurityErrors.notYours([violation.message], { expression: [violation.expression] });
}
