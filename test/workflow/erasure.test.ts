/**
 * Erasure of a resident (AVG art. 17, issue 16): `POST Patient/[id]/$erase` by an administrator leaves only the
 * anonymous residue of the resident's Patient, Consents, referrals, Tasks and feedback, in every version, and every
 * GALA key figure of their gemeente stays exactly as it was; every other role is refused.
 */
import type { AuditEvent, Bundle, MeasureReport, Parameters, Patient, Resource } from '@medplum/fhirtypes';
import { FIGURE_QUERIES } from '../../src/monitoring/figure-queries.ts';
import { MEASURES } from '../../src/monitoring/measures.ts';
import { loadMonitoringTerminology } from '../../src/monitoring/monitoring-terminology.ts';
import { reportingPeriod } from '../../src/monitoring/reporting-period.ts';
import { TASK_TRANSITIONS, type TaskStatus } from '../../src/workflow/task-transitions.ts';
import { GALA_PERIODS, seedGalaFixture } from '../monitoring/gala-fixture.ts';
import { BSN } from '../support/referral-resources.ts';
import { Caller, type Reply } from '../support/referral-world.ts';
import { attemptMove, pathTo, readTask, referralBundle, setupChain, writeFeedback, type Chain, type ReferralIds } from '../support/referral-chain.ts';
import { nextBsn } from '../support/fictional-bsn.ts';
import { describeEachStore } from '../support/app.ts';

const GEMEENTE = 'GM0344';
const PERIODS = Object.values(GALA_PERIODS);

/** Words of the example resident that only personal data carries: name, address, phone, birth date, free text. */
const PERSONAL = ['Jansen', 'Anna', 'Voorbeeldstraat', '3500 AA', '+31600000001', '1957-05-14', 'Sinds mijn man', 'Eerste gesprek bij mevrouw', 'female'];

function issueCode(reply: Reply): string | undefined {
  return reply.body?.issue?.[0]?.details?.coding?.[0]?.code as string | undefined;
}

describeEachStore(
  'Erasure of a resident (AVG art. 17)',
  (t) => {
    let chain: Chain;
    let gemeente: Caller;
    let auditor: Caller;
    const bsn = nextBsn();
    let patient: string;
    const referrals: ReferralIds[] = [];
    let open: ReferralIds;
    let before: { shown: Record<string, unknown>; raw: Record<string, unknown> };
    let erased: string[];
    let deletedFeedback: string;

    /** A referral of the resident (the first one brings the Patient), authored on `authoredOn`. */
    async function place(authoredOn: string): Promise<ReferralIds> {
      const bundle = referralBundle(chain, bsn);
      const entries = bundle.entry!;
      (entries[2]!.resource as { authoredOn?: string }).authoredOn = authoredOn;
      if (patient) {
        bundle.entry = JSON.parse(JSON.stringify(entries.slice(1)).split('"urn:uuid:p"').join(`"Patient/${patient}"`)) as Bundle['entry'];
      }
      const res = await chain.practice.request('POST', '', bundle);
      if (res.status !== 200) throw new Error(`referral refused: ${res.status} ${JSON.stringify(res.body)}`);
      const ids = (res.body as Bundle).entry!.map((e) => e.response!.location!.split('/')[1]!);
      const [Patient, Consent, ServiceRequest, Task] = patient ? [patient, ...ids] : ids;
      patient ??= Patient!;
      return { Patient: Patient!, Consent: Consent!, ServiceRequest: ServiceRequest!, Task: Task! };
    }

    /** Moves the Task along the table's own moves to `via`, then (when given) on to `to`. */
    async function moveTo(ids: ReferralIds, via: TaskStatus, to?: TaskStatus): Promise<void> {
      const last = to === undefined ? [] : [TASK_TRANSITIONS.find((r) => r.from === via && r.to === to)!];
      for (const row of [...pathTo(via), ...last]) {
        const res = await attemptMove(chain, ids, row, row.by);
        if (res.status !== 200) throw new Error(`move ${row.from} -> ${row.to} refused: ${JSON.stringify(res.body)}`);
      }
    }

    /** Every key figure of the gemeente for every GALA period: as the reports show them, and the SQL's own numbers. */
    async function figures(): Promise<{ shown: Record<string, unknown>; raw: Record<string, unknown> }> {
      const terminology = await loadMonitoringTerminology(t().app.terminology);
      const shown: Record<string, unknown> = {};
      const raw: Record<string, unknown> = {};
      for (const [start, end] of PERIODS) {
        for (const m of MEASURES) {
          const res = await chain.admin.get(`Measure/${m.id}/$evaluate-measure?periodStart=${start}&periodEnd=${end}&gemeente=${GEMEENTE}`);
          expect(res.status).toBe(200);
          const { id: _id, meta: _meta, date: _date, ...report } = res.body as MeasureReport;
          shown[`${start}..${end} ${m.id}`] = report;
          raw[`${start}..${end} ${m.id}`] = await FIGURE_QUERIES[m.id]!({ sql: t().store.db, gemeente: GEMEENTE, period: reportingPeriod(start, end, (n) => n), terminology });
        }
      }
      return { shown, raw };
    }

    beforeAll(async () => {
      const app = t().app;
      await seedGalaFixture(app);
      chain = await setupChain(app);
      gemeente = new Caller(app, 'demo-gemeente');
      auditor = new Caller(app, 'test-auditor');
      // Closed referrals (completed with feedback, cancelled after acceptance) and an open one in progress.
      referrals.push(await place('2026-02-11T09:00:00Z'), await place('2026-05-06T09:00:00Z'), await place('2026-08-19T09:00:00Z'));
      await moveTo(referrals[0]!, 'in-progress', 'completed');
      await moveTo(referrals[1]!, 'accepted', 'cancelled');
      await moveTo(referrals[2]!, 'in-progress');
      open = referrals[2]!;
      // Feedback no Task records may be deleted; its earlier version still holds the payload until the erasure.
      deletedFeedback = await writeFeedback(chain, open, 'eerste-contact');
      expect((await chain.admin.request('DELETE', `Communication/${deletedFeedback}`)).status).toBe(204);
      before = await figures();
      // The resident's three referrals are among what is counted (21 of the GALA fixture in Utrecht in 2026).
      expect((before.raw['2026-01-01..2026-12-31 verwijzingen'] as { score: number }[])[0]!.score).toBe(24);
    }, 600_000);

    test('every role but the administrator is refused with 403, and nothing changes', async () => {
      for (const caller of [chain.practice, chain.welfare, chain.other, gemeente, auditor]) {
        const res = await caller.request('POST', `Patient/${patient}/$erase`);
        expect({ client: caller.clientId, status: res.status }).toEqual({ client: caller.clientId, status: 403 });
      }
      expect((await chain.practice.get(`Patient/${patient}`)).body.identifier[0].value).toBe(bsn);
    });

    test('an unknown resident is 404; a GET is not an erasure', async () => {
      expect((await chain.admin.request('POST', 'Patient/nobody-here/$erase')).status).toBe(404);
      expect((await chain.admin.get(`Patient/${patient}/$erase`)).status).toBe(405);
    });

    test('the administrator erases the resident: 200 naming only the pseudonymous references erased', async () => {
      const res = await chain.admin.request('POST', `Patient/${patient}/$erase`);
      expect(res.status).toBe(200);
      erased = ((res.body as Parameters).parameter ?? []).map((p) => p.valueReference!.reference!);
      for (const ids of referrals) {
        for (const type of ['Patient', 'Consent', 'ServiceRequest', 'Task'] as const) expect(erased).toContain(`${type}/${ids[type]}`);
      }
      // The feedback of the completed and the open referral, and the feedback deleted before (its history remains).
      expect(erased.filter((r) => r.startsWith('Communication/')).length).toBeGreaterThanOrEqual(4);
      expect(erased).toContain(`Communication/${deletedFeedback}`);
      expect(JSON.stringify(res.body)).not.toContain(bsn);
    });

    test('every key figure of the gemeente, in every period, is exactly what it was', async () => {
      const after = await figures();
      expect(after.raw).toEqual(before.raw);
      expect(after.shown).toEqual(before.shown);
    });

    test('no version of any erased resource holds the BSN, a name, address, phone, birth date or free text', async () => {
      for (const reference of erased) {
        const history = await chain.admin.get(`${reference}/_history`);
        expect(history.status).toBe(200);
        const versions = ((history.body as Bundle).entry ?? []).map((e) => e.resource).filter((r): r is Resource => r !== undefined);
        expect(versions.length).toBeGreaterThan(0);
        const text = JSON.stringify(versions);
        for (const word of [bsn, ...PERSONAL]) expect({ reference, has: text.includes(word) ? word : undefined }).toEqual({ reference, has: undefined });
        for (const version of versions) expect(version.meta?.tag).toContainEqual(expect.objectContaining({ system: 'https://brug.example.org/fhir/sid/erasure', code: 'erased' }));
        expect(JSON.stringify(versions)).not.toContain('"payload"');
        expect(JSON.stringify(versions)).not.toContain('"note"');
      }
      const first = await chain.admin.get(`Patient/${patient}/_history/1`);
      expect(first.status).toBe(200);
      expect(JSON.stringify(first.body)).not.toContain(bsn);
    });

    test('a read shows only the residue: the Patient keeps its gemeente code and nothing else', async () => {
      const res = await chain.practice.get(`Patient/${patient}`);
      expect(res.status).toBe(200);
      const residue = res.body as Patient;
      expect(Object.keys(residue).sort()).toEqual(['address', 'id', 'meta', 'resourceType']);
      expect(residue.address).toEqual([{ extension: [{ url: 'https://brug.example.org/fhir/StructureDefinition/brug-gemeente', valueCoding: expect.objectContaining({ code: GEMEENTE }) }] }]);
      expect(((await chain.admin.get(`Patient?identifier=${BSN}|${bsn}`)).body as Bundle).entry ?? []).toEqual([]);
      expect(((await chain.admin.get(`Patient?_id=${patient}&family=Jansen`)).body as Bundle).entry ?? []).toEqual([]);
      const request = (await chain.practice.get(`ServiceRequest/${open.ServiceRequest}`)).body;
      expect(request).toMatchObject({ subject: { reference: `Patient/${patient}` }, authoredOn: '2026-08-19T09:00:00Z' });
      expect(request.subject.display).toBeUndefined();
    });

    test('the welfare organisation no longer reads the resident or the referral; it sees its open Task frozen', async () => {
      expect((await chain.welfare.get(`Patient/${patient}`)).status).toBe(404);
      expect((await chain.welfare.get(`ServiceRequest/${open.ServiceRequest}`)).status).toBe(404);
      const { task } = await readTask(chain.welfare, open.Task);
      expect(task.status).toBe('in-progress');
      const move = TASK_TRANSITIONS.find((r) => r.from === 'in-progress' && r.to === 'on-hold')!;
      const res = await attemptMove(chain, open, move, move.by);
      expect({ status: res.status, code: issueCode(res) }).toEqual({ status: 409, code: 'BRUG_WF_ERASED' });
    });

    test('an erased resource is not written again: no update brings personal data back', async () => {
      const current = (await chain.practice.get(`Patient/${patient}`)).body as Patient;
      const res = await chain.practice.request('PUT', `Patient/${patient}`, { ...current, identifier: [{ system: BSN, value: bsn }], name: [{ family: 'Jansen' }] });
      expect({ status: res.status, code: issueCode(res) }).toEqual({ status: 409, code: 'BRUG_WF_ERASED' });
    });

    test('an ordinary DELETE of the erased residue is refused as well', async () => {
      for (const reference of [`Patient/${patient}`, `Consent/${open.Consent}`, `ServiceRequest/${open.ServiceRequest}`]) {
        expect((await chain.admin.request('DELETE', reference)).status).toBe(409);
      }
    });

    test('referential integrity still refuses ordinary deletes of another resident with BRUG_WF_IN_USE', async () => {
      const bundle = referralBundle(chain, nextBsn());
      const res = await chain.practice.request('POST', '', bundle);
      const ids = (res.body as Bundle).entry!.map((e) => e.response!.location!.split('/')[1]!);
      const refused = await chain.admin.request('DELETE', `Patient/${ids[0]}`);
      expect({ status: refused.status, code: issueCode(refused) }).toEqual({ status: 409, code: 'BRUG_WF_IN_USE' });
    });

    test('the erasure is audited, naming the resident only by the pseudonymous id', async () => {
      const res = await auditor.get(`AuditEvent?patient=Patient/${patient}&_count=200`);
      expect(res.status).toBe(200);
      const events = ((res.body as Bundle).entry ?? []).map((e) => e.resource as AuditEvent);
      const erasure = events.filter((e) => e.entity?.some((x) => x.query && Buffer.from(x.query, 'base64').toString('utf8').includes('$erase')) && e.outcome === '0');
      expect(erasure).toHaveLength(1);
      expect(erasure[0]!.agent?.[0]?.who).toBeDefined();
      const text = JSON.stringify(erasure[0]);
      for (const word of [bsn, ...PERSONAL]) expect(text).not.toContain(word);
      expect(text).toContain(`Patient/${patient}`);
    });
  },
  { security: true },
);
