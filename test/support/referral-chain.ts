import type { Bundle, Communication, Task } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import { BrugCodeSystems } from '../../src/canonical-urls.ts';
import { FINAL, findTransition, TASK_TRANSITIONS, type Side, type Transition } from '../../src/workflow/task-transitions.ts';
import { consentFor, ensureOrganization, feedback, patientWith, referralFor, taskFor } from './referral-resources.ts';
import { nextBsn } from './fictional-bsn.ts';
import { Caller, ensureClients, type Reply } from './referral-world.ts';

export const STEP_SYSTEM = BrugCodeSystems.processtap;
export const FEEDBACK_SYSTEM = BrugCodeSystems.terugkoppelingSoort;
export const REASON_SYSTEM = BrugCodeSystems.taakStatusreden;

export interface ReferralIds {
  Patient: string;
  Consent: string;
  ServiceRequest: string;
  Task: string;
}

/** The practice (requester side), the welfare organisation (owner side) and a bystander, with their roles. */
export interface Chain {
  practice: Caller;
  welfare: Caller;
  other: Caller;
  admin: Caller;
  org: { P: string; W: string };
  role: { P: string; W: string };
  service: string;
}

export async function setupChain(app: FastifyInstance): Promise<Chain> {
  const orgs = await ensureClients(app);
  const callers = { practice: new Caller(app, 'demo-huisarts'), welfare: new Caller(app, 'demo-welzijn'), other: new Caller(app, 'demo-welzijn-2'), admin: new Caller(app, 'demo-admin') };
  const org = { P: orgs['demo-huisarts']!, W: orgs['demo-welzijn']! };
  for (const id of [org.P, org.W, orgs['demo-welzijn-2']!]) await ensureOrganization(callers.admin, id, `Workflow ${id}`);
  const role = {
    P: await callers.practice.create({ resourceType: 'PractitionerRole', active: true, organization: { reference: `Organization/${org.P}` } }),
    W: await callers.welfare.create({ resourceType: 'PractitionerRole', active: true, organization: { reference: `Organization/${org.W}` } }),
  };
  const service = await callers.welfare.create({ resourceType: 'HealthcareService', active: true, name: 'Welzijnscoach', providedBy: { reference: `Organization/${org.W}` } });
  return { ...callers, org, role, service };
}

/** The practice places a referral as one transaction Bundle (issue 6, step 1); the Task starts as `requested`. */
export function referralBundle(chain: Chain, bsn: string, consentStatus: 'active' | 'inactive' = 'active'): Bundle {
  const consent = { ...consentFor('urn:uuid:p', chain.org.P, chain.org.W), status: consentStatus };
  const entry = (id: string, resource: object) => ({ fullUrl: `urn:uuid:${id}`, resource, request: { method: 'POST', url: (resource as { resourceType: string }).resourceType } });
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      entry('p', patientWith(bsn, chain.org.P)),
      entry('c', JSON.parse(JSON.stringify(consent).split('"Patient/urn:uuid:p"').join('"urn:uuid:p"'))),
      entry('s', JSON.parse(JSON.stringify(referralFor('P', chain.role.P, chain.service, 'C')).split('"Patient/P"').join('"urn:uuid:p"').split('"Consent/C"').join('"urn:uuid:c"'))),
      entry('t', JSON.parse(JSON.stringify(taskFor('S', 'P', chain.role.P, chain.org.W)).split('"ServiceRequest/S"').join('"urn:uuid:s"').split('"Patient/P"').join('"urn:uuid:p"'))),
    ] as Bundle['entry'],
  };
}

export async function placeReferral(chain: Chain): Promise<ReferralIds> {
  const res = await chain.practice.request('POST', '', referralBundle(chain, nextBsn()));
  if (res.status !== 200) throw new Error(`referral refused: ${res.status} ${JSON.stringify(res.body)}`);
  const ids = (res.body as Bundle).entry!.map((e) => e.response!.location!.split('/')[1]!);
  return { Patient: ids[0]!, Consent: ids[1]!, ServiceRequest: ids[2]!, Task: ids[3]! };
}

export function callerFor(chain: Chain, side: Side): Caller {
  return side === 'requester' ? chain.practice : chain.welfare;
}

export function otherSide(side: Side): Side {
  return side === 'requester' ? 'owner' : 'requester';
}

/** The owner writes a feedback Communication of `kind` about the referral. */
export async function writeFeedback(chain: Chain, ids: ReferralIds, kind: 'eerste-contact' | 'evaluatie'): Promise<string> {
  const communication: Communication = feedback({ ...ids }, chain.role.W, chain.role.P);
  communication.category = [{ coding: [{ system: FEEDBACK_SYSTEM, code: kind }] }];
  return chain.welfare.create(communication);
}

export async function readTask(caller: Caller, id: string): Promise<{ task: Task; version: string }> {
  const res = await caller.get(`Task/${id}`);
  if (res.status !== 200) throw new Error(`cannot read Task/${id}: ${res.status}`);
  return { task: res.body as Task, version: (res.body as Task).meta!.versionId! };
}

export interface MoveOptions {
  /** Leave out what the row requires. */
  omit?: 'reason' | 'feedback';
  step?: string;
}

/** The Task as the row's move would write it: new status, a step the row allows, a reason and feedback as required. */
export async function taskForMove(chain: Chain, ids: ReferralIds, task: Task, row: Transition, options: MoveOptions = {}): Promise<Task> {
  const next: Task = { ...task, status: row.to };
  if (!row.steps.includes((task.businessStatus?.coding?.[0]?.code ?? '') as never) || options.step) {
    next.businessStatus = { coding: [{ system: STEP_SYSTEM, code: options.step ?? row.steps[0]! }] };
  }
  if (row.requires.includes('reason') && options.omit !== 'reason') next.statusReason = { coding: [{ system: REASON_SYSTEM, code: 'inwoner-niet-bereikt' }] };
  for (const need of ['first-feedback', 'closing-feedback'] as const) {
    if (!row.requires.includes(need) || options.omit === 'feedback') continue;
    const kind = need === 'first-feedback' ? 'eerste-contact' : 'evaluatie';
    const id = await writeFeedback(chain, ids, kind);
    next.output = [...(next.output ?? []), { type: { coding: [{ system: FEEDBACK_SYSTEM, code: kind }] }, valueReference: { reference: `Communication/${id}` } }];
  }
  return next;
}

export async function attemptMove(chain: Chain, ids: ReferralIds, row: Transition, as: Side, options: MoveOptions = {}): Promise<Reply> {
  const caller = callerFor(chain, as);
  const { task, version } = await readTask(caller, ids.Task);
  const next = await taskForMove(chain, ids, task, row, options);
  return caller.request('PUT', `Task/${ids.Task}`, next, { 'if-match': `W/"${version}"` });
}

/** The shortest path of the table's own moves from `requested` to `status`. */
export function pathTo(status: Transition['to']): Transition[] {
  const queue: { at: Transition['to']; path: Transition[] }[] = [{ at: 'requested', path: [] }];
  const seen = new Set<string>(['requested']);
  while (queue.length > 0) {
    const { at, path } = queue.shift()!;
    if (at === status) return path;
    for (const row of TASK_TRANSITIONS.filter((x) => x.from === at && !FINAL.has(x.to) && !seen.has(x.to))) {
      seen.add(row.to);
      queue.push({ at: row.to, path: [...path, row] });
    }
  }
  throw new Error(`no path to ${status}`);
}

/** A fresh referral whose Task has been moved to `status` by the sides the table names. */
export async function referralAt(chain: Chain, status: Transition['to']): Promise<ReferralIds> {
  const ids = await placeReferral(chain);
  for (const row of pathTo(status)) {
    const res = await attemptMove(chain, ids, row, row.by);
    if (res.status !== 200) throw new Error(`setup move ${row.from} -> ${row.to} refused: ${JSON.stringify(res.body)}`);
  }
  return ids;
}

export { findTransition };
