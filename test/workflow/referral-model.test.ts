/**
 * A model-based test of the referral chain (issue 16): random sequences of what the demo organisations do (the
 * practice places and cancels referrals and withdraws or ends consents; the welfare organisation moves its Tasks; a
 * second welfare organisation tries to read what is not its own), run against the HTTP API and against a model of
 * the transition table. After every step: who sees which resident follows the consents, every Task is in the state
 * the model says, and the monitor counts the referrals the model counts.
 *
 * Fixed seed by default; MODEL_RUNS, MODEL_STEPS and MODEL_SEED change the runs, their length and the seed.
 */
import type { Bundle, Consent, MeasureReport, Task } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { FINAL, TASK_TRANSITIONS, findTransition, type Side, type TaskStatus } from '../../src/workflow/task-transitions.ts';
import { setConsentStatus } from '../support/referral-resources.ts';
import { attemptMove, otherSide, placeReferral, setupChain, type Chain, type ReferralIds } from '../support/referral-chain.ts';
import { describeEachStore } from '../support/app.ts';

const RUNS = Number(process.env.MODEL_RUNS ?? 5);
const STEPS = Number(process.env.MODEL_STEPS ?? 30);
const SEED = Number(process.env.MODEL_SEED ?? 16_2026);
const GEMEENTE = 'GM0344';
// The example referral (profiles/package/example) is authored in March 2026 by a resident of GM0344.
const PERIOD = 'periodStart=2026-01-01&periodEnd=2026-12-31';
const STATUSES = [...new Set(TASK_TRANSITIONS.map((x) => x.to))];

type ConsentState = 'active' | 'withdrawn' | 'ended';

interface ModelReferral {
  status: TaskStatus;
  consent: ConsentState;
}

interface Model {
  referrals: ModelReferral[];
}

interface Real {
  chain: Chain;
  referrals: ReferralIds[];
  /** The monitor's count of the gemeente before this run: earlier runs share the database. */
  baseline: number;
}

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

/** When a consent stops covering the referral, every open Task of it is cancelled in the same transaction. */
function consentEnds(referral: ModelReferral, state: ConsentState): void {
  referral.consent = state;
  if (!FINAL.has(referral.status)) referral.status = 'cancelled';
}

async function verwijzingen(chain: Chain): Promise<number> {
  const res = await chain.admin.get(`Measure/verwijzingen/$evaluate-measure?${PERIOD}&gemeente=${GEMEENTE}`);
  if (res.status !== 200) throw new Error(`$evaluate-measure: ${res.status} ${JSON.stringify(res.body)}`);
  const group = (res.body as MeasureReport).group!.find((g) => g.code?.coding?.[0]?.code === 'aantal')!;
  return group.population![0]!.count!;
}

async function visiblePatients(caller: Chain['practice'], ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const res = await caller.get(`Patient?_id=${ids.join(',')}&_count=1000&_elements=id`);
  if (res.status !== 200) throw new Error(`Patient search as ${caller.clientId}: ${res.status}`);
  return ((res.body as Bundle).entry ?? []).map((e) => e.resource!.id!).sort();
}

/** What must hold after every step, checked over HTTP against the model. */
async function invariants(m: Model, r: Real): Promise<void> {
  const { chain } = r;
  const patients = r.referrals.map((x) => x.Patient);
  // The requester practice sees its residents; the owner only while a consent for the referral stands; nobody else.
  expect(await visiblePatients(chain.practice, patients)).toEqual([...patients].sort());
  expect(await visiblePatients(chain.welfare, patients)).toEqual(patients.filter((_, i) => m.referrals[i]!.consent === 'active').sort());
  expect(await visiblePatients(chain.other, patients)).toEqual([]);
  // A read answers as the search does: 200 while the consent stands, else 404 (the resident's existence stays hidden).
  const reads = await Promise.all(patients.map(async (id) => (await chain.welfare.get(`Patient/${id}`)).status));
  expect(reads).toEqual(m.referrals.map((x) => (x.consent === 'active' ? 200 : 404)));
  // Every Task is where the model's walk through the transition table put it.
  if (r.referrals.length > 0) {
    const res = await chain.practice.get(`Task?_id=${r.referrals.map((x) => x.Task).join(',')}&_count=1000`);
    const actual = new Map(((res.body as Bundle).entry ?? []).map((e) => [e.resource!.id!, (e.resource as Task).status]));
    expect(r.referrals.map((x) => actual.get(x.Task))).toEqual(m.referrals.map((x) => x.status));
  }
  // The monitor counts every referral but one withdrawn as a mistake.
  expect(await verwijzingen(chain)).toBe(r.baseline + m.referrals.filter((x) => x.status !== 'entered-in-error').length);
}

class PlaceReferral implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true;
  async run(m: Model, r: Real): Promise<void> {
    r.referrals.push(await placeReferral(r.chain));
    m.referrals.push({ status: 'requested', consent: 'active' });
    await invariants(m, r);
  }
  toString = (): string => 'place';
}

type MoveKind = 'table' | 'wrong-side' | 'any';

/**
 * A side tries to move a referral's Task: a move the table has from its status (by the side it names, or by the
 * other side), or to any other status. It succeeds exactly when the table has that move for that side.
 */
class MoveTask implements fc.AsyncCommand<Model, Real> {
  readonly index: number;
  readonly choice: number;
  readonly kind: MoveKind;
  private tried = '';
  constructor(index: number, choice: number, kind: MoveKind) {
    this.index = index;
    this.choice = choice;
    this.kind = kind;
  }
  check = (m: Readonly<Model>): boolean => m.referrals.length > 0;
  async run(m: Model, r: Real): Promise<void> {
    const i = this.index % m.referrals.length;
    const referral = m.referrals[i]!;
    const rows = TASK_TRANSITIONS.filter((x) => x.from === referral.status);
    let to: TaskStatus;
    let side: Side;
    if (this.kind !== 'any' && rows.length > 0) {
      const row = pick(rows, this.choice);
      to = row.to;
      side = this.kind === 'table' ? row.by : otherSide(row.by);
    } else {
      // Writing a Task in its own status again is not a move (other fields may change), so it is not tried here.
      to = pick(STATUSES.filter((x) => x !== referral.status), this.choice);
      side = this.choice % 3 === 0 ? 'requester' : 'owner';
    }
    this.tried = `#${i} ${referral.status} -> ${to} by ${side}`;
    const allowed = findTransition(referral.status, to, side);
    // The helper builds a valid move (reason, feedback, step) from the row; for a move the table lacks, any row to
    // the same status serves, so only the state machine can be what refuses it.
    const row = allowed ?? TASK_TRANSITIONS.find((x) => x.to === to)!;
    const res = await attemptMove(r.chain, r.referrals[i]!, row, side);
    if (allowed) {
      expect({ move: this.tried, status: res.status }).toEqual({ move: this.tried, status: 200 });
      referral.status = to;
    } else {
      expect({ move: this.tried, refused: res.status >= 400 && res.status < 500 }).toEqual({ move: this.tried, refused: true });
    }
    await invariants(m, r);
  }
  toString = (): string => `move(${this.kind}) ${this.tried || `#${this.index}/${this.choice}`}`;
}

/** The resident withdraws the consent, or the practice ends its period: the referral closes and is hidden. */
class EndConsent implements fc.AsyncCommand<Model, Real> {
  readonly index: number;
  readonly how: 'withdrawn' | 'ended';
  constructor(index: number, how: 'withdrawn' | 'ended') {
    this.index = index;
    this.how = how;
  }
  check = (m: Readonly<Model>): boolean => m.referrals.some((x) => x.consent === 'active');
  async run(m: Model, r: Real): Promise<void> {
    const active = m.referrals.flatMap((x, i) => (x.consent === 'active' ? [i] : []));
    const i = pick(active, this.index);
    const consentId = r.referrals[i]!.Consent;
    if (this.how === 'withdrawn') {
      await setConsentStatus(r.chain.practice, consentId, 'inactive');
    } else {
      const current = (await r.chain.practice.get(`Consent/${consentId}`)).body as Consent;
      const end = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
      const res = await r.chain.practice.request('PUT', `Consent/${consentId}`, { ...current, provision: { ...current.provision, period: { ...current.provision?.period, end } } });
      expect(res.status).toBe(200);
    }
    consentEnds(m.referrals[i]!, this.how);
    await invariants(m, r);
  }
  toString = (): string => `consent of #${this.index} ${this.how}`;
}

/** The second welfare organisation tries to read a referral that is not its own: it learns nothing, not even that it exists. */
class NosyRead implements fc.AsyncCommand<Model, Real> {
  readonly index: number;
  constructor(index: number) {
    this.index = index;
  }
  check = (m: Readonly<Model>): boolean => m.referrals.length > 0;
  async run(m: Model, r: Real): Promise<void> {
    const ids = r.referrals[this.index % r.referrals.length]!;
    for (const type of ['Patient', 'ServiceRequest', 'Consent', 'Task'] as const) {
      expect({ type, status: (await r.chain.other.get(`${type}/${ids[type]}`)).status }).toEqual({ type, status: 404 });
    }
    await invariants(m, r);
  }
  toString = (): string => `nosy read of #${this.index}`;
}

const move = fc.tuple(fc.nat(), fc.nat(), fc.constantFrom<MoveKind>('table', 'table', 'table', 'wrong-side', 'any')).map(([i, choice, kind]) => new MoveTask(i, choice, kind));
// Moves five times as often as the rest: they are what walks the Tasks through the table.
const commands = [
  fc.constant(new PlaceReferral()),
  move,
  move,
  move,
  move,
  move,
  fc.tuple(fc.nat(), fc.constantFrom<'withdrawn' | 'ended'>('withdrawn', 'ended')).map(([i, how]) => new EndConsent(i, how)),
  fc.nat().map((i) => new NosyRead(i)),
];

describeEachStore(
  'The referral chain against its model',
  (t) => {
    let chain: Chain;
    beforeAll(async () => {
      chain = await setupChain(t().app);
      // Enough referrals that the monitor never masks the count (MONITORING_MIN_COUNT): the model compares numbers.
      for (let i = 0; i < 5; i++) await placeReferral(chain);
    }, 120_000);

    test(`${RUNS} runs of up to ${STEPS} steps (seed ${SEED}) keep visibility, Task states and the count true to the model`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands(commands, { maxCommands: STEPS, size: 'max' }), async (cmds) => {
          const baseline = await verwijzingen(chain);
          // Each run starts with two referrals of its own, so that even a short run has Tasks to move.
          const real: Real = { chain, referrals: [await placeReferral(chain), await placeReferral(chain)], baseline };
          const model: Model = { referrals: [{ status: 'requested', consent: 'active' }, { status: 'requested', consent: 'active' }] };
          await invariants(model, real);
          await fc.asyncModelRun(() => ({ model, real }), cmds);
          if (process.env.MODEL_TRACE) console.log(`${String(cmds)}\n=> ${model.referrals.map((x) => `${x.status}/${x.consent}`).join(" ")}`);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: process.env.MODEL_SHRINK !== '1' },
      );
    }, 600_000);
  },
  { security: true },
);
