/**
 * The referral Task's state machine (handreiking §4; FHIR R4 Task state machine,
 * https://hl7.org/fhir/R4/task.html#statemachine): one table that drives the checks on every Task write and the
 * documentation (CapabilityStatement and README). Who moves a Task is a side of the referral, not a role name:
 * the requester side placed it (the practice), the owner side performs it (the social-domain organisation).
 */
export type TaskStatus =
  | 'requested'
  | 'received'
  | 'accepted'
  | 'rejected'
  | 'in-progress'
  | 'on-hold'
  | 'completed'
  | 'failed'
  | 'cancelled'
  | 'entered-in-error';

export type Side = 'requester' | 'owner';

/** The process steps of BrugProcesstapCS (Task.businessStatus). */
export type ProcessStep = 'signaleren-verwijzen' | 'vraagverheldering-verbinding' | 'activiteiten-voorzieningen' | 'evaluatie-terugkoppeling';

/** What a transition needs in the new version of the Task. */
export type Requirement =
  /** A coded statusReason (BrugTaakStatusredenVS). */
  | 'reason'
  /** An output of type eerste-contact: the first feedback after the first contact. */
  | 'first-feedback'
  /** An output of type evaluatie: the closing feedback. */
  | 'closing-feedback'
  /** The referral's Consent is active (the consent gate). */
  | 'active-consent';

export interface Transition {
  /** `null`: the Task is being created. */
  readonly from: TaskStatus | null;
  readonly to: TaskStatus;
  readonly by: Side;
  readonly requires: readonly Requirement[];
  /** The process steps the Task may be in after the transition. */
  readonly steps: readonly ProcessStep[];
  /** Timestamps the server sets when the client leaves them out. */
  readonly stamps: readonly ('executionPeriod.start' | 'executionPeriod.end')[];
  /** One line for the README and the CapabilityStatement. */
  readonly meaning: string;
}

const OPEN: readonly TaskStatus[] = ['requested', 'received', 'accepted', 'in-progress', 'on-hold'];
export const FINAL: ReadonlySet<TaskStatus> = new Set(['rejected', 'completed', 'failed', 'cancelled', 'entered-in-error']);

const STEP_2_3: readonly ProcessStep[] = ['vraagverheldering-verbinding', 'activiteiten-voorzieningen'];

function t(from: TaskStatus | null, to: TaskStatus, by: Side, requires: Requirement[], steps: ProcessStep[] | readonly ProcessStep[], stamps: Transition['stamps'], meaning: string): Transition {
  return { from, to, by, requires, steps, stamps, meaning };
}

export const TASK_TRANSITIONS: readonly Transition[] = [
  t(null, 'requested', 'requester', ['active-consent'], ['signaleren-verwijzen'], [], 'the practice refers: the Task is placed with the social-domain organisation'),
  t('requested', 'received', 'owner', [], ['signaleren-verwijzen'], [], 'the organisation confirms it has received the referral'),
  t('requested', 'accepted', 'owner', [], ['vraagverheldering-verbinding'], ['executionPeriod.start'], 'the organisation accepts and starts clarifying the question'),
  t('received', 'accepted', 'owner', [], ['vraagverheldering-verbinding'], ['executionPeriod.start'], 'the organisation accepts and starts clarifying the question'),
  t('requested', 'rejected', 'owner', ['reason'], ['signaleren-verwijzen'], ['executionPeriod.end'], 'the organisation declines the referral, with a reason'),
  t('received', 'rejected', 'owner', ['reason'], ['signaleren-verwijzen'], ['executionPeriod.end'], 'the organisation declines the referral, with a reason'),
  t('accepted', 'in-progress', 'owner', ['first-feedback'], STEP_2_3, [], 'after the first contact, with the first feedback to the practice'),
  t('in-progress', 'on-hold', 'owner', ['reason'], STEP_2_3, [], 'paused, with a reason'),
  t('on-hold', 'in-progress', 'owner', [], STEP_2_3, [], 'resumed'),
  t('in-progress', 'completed', 'owner', ['closing-feedback'], ['evaluatie-terugkoppeling'], ['executionPeriod.end'], 'evaluated, with the closing feedback to the practice'),
  ...(['accepted', 'in-progress', 'on-hold'] as const).map((from) =>
    t(from, 'failed', 'owner', ['reason'], [...STEP_2_3, 'evaluatie-terugkoppeling'], ['executionPeriod.end'], 'stopped without result, with a reason'),
  ),
  ...OPEN.map((from) =>
    t(from, 'cancelled', 'requester', ['reason'], ['signaleren-verwijzen', ...STEP_2_3, 'evaluatie-terugkoppeling'], ['executionPeriod.end'], 'the practice withdraws the referral, with a reason'),
  ),
  t('requested', 'entered-in-error', 'requester', [], ['signaleren-verwijzen'], [], 'the practice made a mistake: the Task never counted'),
];

/** The transition from `from` to `to` by `side`, if the table has one. A Task that keeps its status is no transition. */
export function findTransition(from: TaskStatus | null, to: TaskStatus, side: Side): Transition | undefined {
  return TASK_TRANSITIONS.find((x) => x.from === from && x.to === to && x.by === side);
}

/** Every side that may move a Task from `from` to `to`: tells a refused caller who could. */
export function sidesFor(from: TaskStatus | null, to: TaskStatus): Side[] {
  return TASK_TRANSITIONS.filter((x) => x.from === from && x.to === to).map((x) => x.by);
}

/**
 * Fields each side may change without a transition, and along with one (SanteonNL's rule: the performer changes only
 * the status-related fields; the placer owns the request).
 */
export const CHANGEABLE_FIELDS: Readonly<Record<Side, ReadonlySet<string>>> = {
  owner: new Set(['status', 'statusReason', 'businessStatus', 'executionPeriod', 'output', 'lastModified', 'meta', 'owner']),
  requester: new Set(['status', 'statusReason', 'lastModified', 'meta', 'restriction', 'priority']),
};
