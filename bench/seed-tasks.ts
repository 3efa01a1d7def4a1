/**
 * Realistic referral Tasks and a fast way to store many of them: straight through the repository, indexed by the
 * same indexer the server builds, so a seeded Task is found by search exactly like one created over HTTP.
 */
import { randomUUID } from 'node:crypto';
import type { Resource, Task } from '@medplum/fhirtypes';
import type { Config } from '../src/config.ts';
import { loadDefinitions } from '../src/fhir/definitions/load-definitions.ts';
import { withServerMeta } from '../src/fhir/resource-body.ts';
import { createIndexer } from '../src/fhir/search/extract-index.ts';
import { openStore } from '../src/store/index.ts';

/** 50 receiving organisations and 6 statuses: 300 (owner, status) pairs, each holding 1/300 of the Tasks. */
export const OWNERS = 50;
export const STATUSES = ['requested', 'received', 'accepted', 'in-progress', 'on-hold', 'completed'] as const;
export const PAIRS = OWNERS * STATUSES.length;

export function ownerId(n: number): string {
  return `org-${String(n % OWNERS).padStart(2, '0')}`;
}

export function statusOf(n: number): (typeof STATUSES)[number] {
  return STATUSES[Math.floor(n / OWNERS) % STATUSES.length]!;
}

const CANONICAL = 'https://brug.example.org/fhir';

/** The process step (businessStatus, BrugProcesstapCS) a Task with this status is in. */
const STEP: Record<(typeof STATUSES)[number], string> = {
  requested: 'signaleren-verwijzen',
  received: 'signaleren-verwijzen',
  accepted: 'vraagverheldering-verbinding',
  'in-progress': 'activiteiten-voorzieningen',
  'on-hold': 'activiteiten-voorzieningen',
  completed: 'evaluatie-terugkoppeling',
};

/** The referral a created Task belongs to: the workflow requires an existing ServiceRequest with an active Consent. */
export interface TaskReferral {
  readonly serviceRequest: string;
  readonly patient: string;
}

/**
 * The n-th Task: a GP practice's referral to a welfare organisation, shaped like the project's VerwijzingTaak profile
 * (coded businessStatus, a coded statusReason when on hold, no free text about the resident), about 1 kB of JSON.
 * Seeded Tasks (no `referral`) spread over the statuses and name referrals that need not exist, since seeding
 * bypasses the workflow; a Task for a create over the API names a placed `referral` and is `requested`, the only
 * status a referral Task may be created in.
 */
export function makeTask(n: number, referral?: TaskReferral): Task {
  const day = new Date(Date.UTC(2025, 0, 1) + (n % 365) * 86_400_000).toISOString();
  const status = referral ? 'requested' : statusOf(n);
  const request = `ServiceRequest/${referral?.serviceRequest ?? `sr-${n}`}`;
  return {
    resourceType: 'Task',
    identifier: [{ system: 'https://example.org/brug/task-id', value: `T-${n}` }],
    basedOn: [{ reference: request }],
    status,
    ...(status === 'on-hold'
      ? { statusReason: { coding: [{ system: `${CANONICAL}/CodeSystem/brug-taak-statusreden`, code: 'gepauzeerd-op-verzoek' }] } }
      : {}),
    businessStatus: { coding: [{ system: `${CANONICAL}/CodeSystem/brug-processtap`, code: STEP[status] }] },
    intent: 'order',
    priority: 'routine',
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill', display: 'Fulfill the focal request' }] },
    focus: { reference: request },
    for: { reference: `Patient/${referral?.patient ?? `pat-${n % 20_000}`}` },
    executionPeriod: { start: day },
    authoredOn: day,
    lastModified: day,
    requester: { reference: `PractitionerRole/gp-${n % 400}`, display: 'Praktijkondersteuner huisarts' },
    owner: { reference: `Organization/${ownerId(n)}`, display: `Welzijnsorganisatie ${n % OWNERS}` },
  };
}

/** Tasks written per transaction while seeding. */
const BATCH = 250;

export interface SeedResult {
  written: number;
  seconds: number;
}

/**
 * Writes Tasks number `from` up to (not including) `to`, `concurrency` at a time, each as one version of a new
 * resource with a fresh UUID, server meta and index rows as a create over HTTP would write them.
 */
export async function seedTasks(config: Config, from: number, to: number, concurrency: number, progress?: (done: number) => void): Promise<SeedResult> {
  const defs = loadDefinitions({ servedTypes: config.resourceTypes });
  const indexer = createIndexer(defs, config.baseUrl);
  const store = await openStore(config);
  const started = performance.now();
  let next = from;
  let done = 0;
  try {
    // Batches of writes share a transaction: one commit (one WAL flush) per batch instead of per Task.
    const worker = async (): Promise<void> => {
      while (next < to) {
        const first = next;
        const last = Math.min(to, first + BATCH);
        next = last;
        await store.repository.transaction(async (tx) => {
          for (let n = first; n < last; n++) {
            const lastUpdated = new Date().toISOString();
            const resource: Resource = withServerMeta(makeTask(n), randomUUID(), 1, lastUpdated);
            await tx.writeVersion({
              resourceType: 'Task',
              id: resource.id!,
              versionId: 1,
              lastUpdated,
              method: 'POST',
              json: JSON.stringify(resource),
              index: indexer(resource),
              isNew: true,
            });
          }
        });
        const before = done;
        done += last - first;
        if (progress && Math.floor(done / 10_000) > Math.floor(before / 10_000)) progress(done);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await store.db.close();
  }
  return { written: done, seconds: (performance.now() - started) / 1000 };
}
