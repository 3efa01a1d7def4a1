import type { Reference, Resource, Task } from '@medplum/fhirtypes';
import { brugSubscriptionTopic } from '../canonical-urls.ts';

/**
 * Brug's subscription topics. R4 has no SubscriptionTopic resource, so a topic is defined here and advertised by its
 * canonical URL in the CapabilityStatement (backport IG). Each topic says which writes trigger it and which facts of
 * the written version its filters test; those facts are recorded with the change, in the write's transaction, so a
 * filter is tested against the version that was written and not against whatever is current when the worker runs.
 */
export interface TopicFilter {
  readonly name: string;
  readonly kind: 'reference' | 'token';
  readonly description: string;
}

export interface Topic {
  readonly url: string;
  readonly title: string;
  readonly description: string;
  readonly resourceType: string;
  readonly filters: readonly TopicFilter[];
  /** Whether this change is an event of the topic (facts of the written version and the one before). */
  readonly triggers: (change: ChangeFacts) => boolean;
  /** References to send as additional context with the event. */
  readonly additionalContext?: (change: ChangeFacts) => readonly string[];
}

/**
 * What the topics need to know about one write: the filter values of the new version (owner and requester also as
 * their organisation, so `owner=Organization/x` finds a Task owned by x's HealthcareService) and the feedback
 * references that the write added.
 */
export interface ChangeFacts {
  readonly method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly values: Readonly<Record<string, readonly string[]>>;
  readonly addedOutputs: readonly string[];
}

const REFERRAL_TASK = brugSubscriptionTopic('verwijzingstaak');
const FEEDBACK = brugSubscriptionTopic('terugkoppeling');

export const TOPICS: readonly Topic[] = [
  {
    url: REFERRAL_TASK,
    title: 'Verwijzingstaak aangemaakt of gewijzigd',
    description: 'A referral Task was created or changed: for the organisation that owns it (filter owner), in a status or process step (filters status, business-status).',
    resourceType: 'Task',
    filters: [
      { name: 'owner', kind: 'reference', description: 'The Task owner, or the organisation of the owning PractitionerRole or HealthcareService (Organization/[id])' },
      { name: 'status', kind: 'token', description: 'Task.status; a comma-separated list matches any' },
      { name: 'business-status', kind: 'token', description: 'Task.businessStatus, the process step (code or system|code)' },
    ],
    triggers: (change) => change.method !== 'DELETE',
  },
  {
    url: FEEDBACK,
    title: 'Terugkoppeling op verwijzing beschikbaar',
    description: 'Feedback on a referral is available: a Task gained an output Communication (first contact or evaluation). For the referring organisation (filter requester).',
    resourceType: 'Task',
    filters: [{ name: 'requester', kind: 'reference', description: 'The Task requester, or the organisation of the requesting PractitionerRole (Organization/[id])' }],
    triggers: (change) => change.method !== 'DELETE' && change.addedOutputs.length > 0,
    additionalContext: (change) => change.addedOutputs,
  },
];

export function findTopic(url: string): Topic | undefined {
  return TOPICS.find((t) => t.url === url);
}

/** Types whose writes may trigger a topic: only these get an outbox row. */
export const TOPIC_RESOURCE_TYPES: ReadonlySet<string> = new Set(TOPICS.map((t) => t.resourceType));

type OrganizationOf = (reference: Reference | undefined) => Promise<string | undefined>;

async function referenceValues(reference: Reference | undefined, organizationOf: OrganizationOf): Promise<string[]> {
  const values: string[] = [];
  if (reference?.reference) values.push(reference.reference);
  const organization = await organizationOf(reference);
  if (organization !== undefined && !values.includes(`Organization/${organization}`)) values.push(`Organization/${organization}`);
  return values;
}

function outputReferences(task: Task | undefined): string[] {
  return (task?.output ?? []).map((o) => o.valueReference?.reference).filter((r): r is string => typeof r === 'string');
}

/** The facts of a Task write that the topics' triggers and filters read. */
export async function taskFacts(method: ChangeFacts['method'], task: Task | undefined, previous: Task | undefined, organizationOf: OrganizationOf): Promise<ChangeFacts> {
  const before = new Set(outputReferences(previous));
  const values: Record<string, string[]> = {
    owner: await referenceValues(task?.owner, organizationOf),
    requester: await referenceValues(task?.requester, organizationOf),
    status: task?.status ? [task.status] : [],
    'business-status': (task?.businessStatus?.coding ?? []).flatMap((c) => (c.code ? [c.code, `${c.system ?? ''}|${c.code}`] : [])),
  };
  return { method, values, addedOutputs: outputReferences(task).filter((r) => !before.has(r)) };
}

export function isTask(resource: Resource | undefined): resource is Task {
  return resource?.resourceType === 'Task';
}
