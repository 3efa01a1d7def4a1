/**
 * The consent gate checks the whole Consent (issue 16): the resident, status, permit, the period and the recipients,
 * on every write that keeps a referral open (ServiceRequest create, update, patch, transaction entries; Task writes),
 * and a Consent that stops covering its referrals cancels their open Tasks like a withdrawal.
 */
import type { Consent, ServiceRequest, Task } from '@medplum/fhirtypes';
import { describeEachStore } from '../support/app.ts';
import { patientWith } from '../support/referral-resources.ts';
import { Caller, ensureClients, OTHER_PRACTICE, type Reply } from '../support/referral-world.ts';
import { nextBsn } from '../support/fictional-bsn.ts';
import { placeReferral, readTask, referralAt, referralBundle, REASON_SYSTEM, setupChain, type Chain, type ReferralIds } from '../support/referral-chain.ts';

function issue(body: Reply['body']): { code?: string; expression?: string[]; diagnostics: string } {
  const first = body.issue[0];
  return { ...first, code: first.details?.coding?.[0]?.code };
}

/** A resource as read, made ready to be posted again as a new one. */
function asNew<T extends { id?: string; meta?: { profile?: string[] } }>(resource: T): T {
  return { ...resource, id: undefined, meta: { profile: resource.meta?.profile } };
}

async function read<T>(caller: Caller, url: string): Promise<T> {
  const res = await caller.get(url);
  if (res.status !== 200) throw new Error(`cannot read ${url}: ${res.status}`);
  return res.body as T;
}

describeEachStore(
  'The consent gate checks the whole Consent',
  (current) => {
    let chain: Chain;
    let ids: ReferralIds;
    let consent: Consent;
    let request: ServiceRequest;
    beforeAll(async () => {
      chain = await setupChain(current().app);
      ids = await placeReferral(chain);
      consent = await read<Consent>(chain.practice, `Consent/${ids.Consent}`);
      request = await read<ServiceRequest>(chain.practice, `ServiceRequest/${ids.ServiceRequest}`);
    });

    /** A new Consent like the referral's, with `change` applied. */
    async function consentLike(change: (c: Consent) => Consent, base: Consent = consent): Promise<string> {
      return chain.practice.create(change(asNew(structuredClone(base))));
    }

    function requestOn(consentId: string): ServiceRequest {
      return { ...asNew(request), identifier: [{ system: 'urn:ietf:rfc:3986', value: `urn:uuid:${crypto.randomUUID()}` }], supportingInfo: [{ reference: `Consent/${consentId}` }] };
    }

    async function expectRefusedCreate(consentId: string, consentElement: string): Promise<void> {
      const res = await chain.practice.request('POST', 'ServiceRequest', requestOn(consentId));
      expect(res.status).toBe(422);
      expect(issue(res.body)).toMatchObject({ code: 'BRUG_WF_CONSENT', expression: ['ServiceRequest.supportingInfo', consentElement] });
    }

    test('a Consent about another resident does not cover the referral: 422 on Consent.patient', async () => {
      const other = await chain.practice.create(patientWith(nextBsn(), chain.org.P));
      const id = await consentLike((c) => ({ ...c, patient: { reference: `Patient/${other}` }, performer: [{ reference: `Patient/${other}` }] }));
      await expectRefusedCreate(id, 'Consent.patient');
    });

    test('a Consent whose provision period ended in 2020 is refused on Consent.provision.period.end', async () => {
      const id = await consentLike((c) => ({ ...c, provision: { ...c.provision!, period: { start: '2019-01-01', end: '2020-06-30' } } }));
      await expectRefusedCreate(id, 'Consent.provision.period.end');
    });

    test('a Consent whose period has not started yet is refused on Consent.provision.period.start', async () => {
      const id = await consentLike((c) => ({ ...c, provision: { ...c.provision!, period: { start: '2999-01-01' } } }));
      await expectRefusedCreate(id, 'Consent.provision.period.start');
    });

    test('a Consent that is not active is refused on Consent.status', async () => {
      const id = await consentLike((c) => ({ ...c, status: 'inactive' }));
      await expectRefusedCreate(id, 'Consent.status');
    });

    test('a period ending today, or open at the end, covers the referral', async () => {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
      for (const period of [{ start: '2020-01-01', end: today }, { start: '2020-01-01' }, { start: '2020-01-01T00:00:00Z', end: '2999-12-31T23:59:59Z' }]) {
        const id = await consentLike((c) => ({ ...c, provision: { ...c.provision!, period } }));
        expect((await chain.practice.request('POST', 'ServiceRequest', requestOn(id))).status).toBe(201);
      }
    });

    test('a deny Consent never becomes a referral Consent: the profile fixes provision.type to permit (422)', async () => {
      const res = await chain.practice.request('POST', 'Consent', { ...asNew(consent), provision: { ...consent.provision!, type: 'deny' } });
      expect(res.status).toBe(422);
      expect(JSON.stringify(res.body.issue.flatMap((i: { expression?: string[] }) => i.expression ?? []))).toContain('Consent.provision');
    });

    test('a transaction Bundle whose Consent is about another resident is refused whole', async () => {
      const bundle = referralBundle(chain, nextBsn());
      const other = await chain.practice.create(patientWith(nextBsn(), chain.org.P));
      (bundle.entry![1]!.resource as Consent).patient = { reference: `Patient/${other}` };
      const res = await chain.practice.request('POST', '', bundle);
      expect(res.status).toBe(422);
      expect(issue(res.body).code).toBe('BRUG_WF_CONSENT');
      // The Consent element stays a Consent path: it is about the resource the entry refers to.
      expect(issue(res.body).expression).toEqual(['Bundle.entry[2]', 'Bundle.entry[2].resource.supportingInfo', 'Consent.patient']);
    });

    test('an update or patch of the ServiceRequest onto a Consent that does not cover it is refused', async () => {
      const placed = await placeReferral(chain);
      const own = await read<Consent>(chain.practice, `Consent/${placed.Consent}`);
      const ended = await consentLike((c) => ({ ...c, provision: { ...c.provision!, period: { start: '2019-01-01', end: '2020-12-31' } } }), own);
      const current = await read<ServiceRequest>(chain.practice, `ServiceRequest/${placed.ServiceRequest}`);
      let res = await chain.practice.request('PUT', `ServiceRequest/${placed.ServiceRequest}`, { ...current, supportingInfo: [{ reference: `Consent/${ended}` }] });
      expect(res.status).toBe(422);
      expect(issue(res.body).expression).toEqual(['ServiceRequest.supportingInfo', 'Consent.provision.period.end']);
      const patch = [{ op: 'replace', path: '/supportingInfo/0/reference', value: `Consent/${ended}` }];
      res = await patchAs(chain.practice, `ServiceRequest/${placed.ServiceRequest}`, patch);
      expect(res.status).toBe(422);
      expect(issue(res.body).expression).toEqual(['ServiceRequest.supportingInfo', 'Consent.provision.period.end']);
      // Revoking the referral needs no consent: it shares nothing more.
      res = await chain.practice.request('PUT', `ServiceRequest/${placed.ServiceRequest}`, { ...current, status: 'revoked', supportingInfo: [{ reference: `Consent/${ended}` }] });
      expect(res.status).toBe(200);
    });

    test('a Task owned by an organisation the Consent does not name is refused on Consent.provision.actor', async () => {
      const placed = await placeReferral(chain);
      const task = await read<Task>(chain.practice, `Task/${placed.Task}`);
      // The practice is the Consent's custodian (Consent.organization), not one of its recipients.
      const res = await chain.practice.request('POST', 'Task', { ...asNew(task), owner: { reference: `Organization/${chain.org.P}` } });
      expect(res.status).toBe(422);
      expect(issue(res.body)).toMatchObject({ code: 'BRUG_WF_CONSENT', expression: ['Task.focus', 'Consent.provision.actor'] });
      // The owner named through its HealthcareService or PractitionerRole is the same organisation: accepted.
      for (const owner of [`HealthcareService/${chain.service}`, `PractitionerRole/${chain.role.W}`]) {
        expect((await chain.practice.request('POST', 'Task', { ...asNew(task), owner: { reference: owner } })).status).toBe(201);
      }
    });

    test('the Task cannot be passed on to an organisation outside the Consent', async () => {
      const placed = await placeReferral(chain);
      // The administrator's tooling acts as either side (the access policy keeps a welfare organisation to its own Tasks).
      const { task, version } = await readTask(chain.admin, placed.Task);
      const res = await chain.admin.request('PUT', `Task/${placed.Task}`, { ...task, owner: { reference: `Organization/${chain.org.P}` } }, { 'if-match': `W/"${version}"` });
      expect(res.status).toBe(422);
      expect(issue(res.body).expression).toEqual(['Task.focus', 'Consent.provision.actor']);
    });

    test('another practice that names a Consent it may not read learns nothing of it: 403, as for one that does not exist', async () => {
      const orgs = await ensureClients(current().app);
      const stranger = new Caller(current().app, OTHER_PRACTICE);
      const role = await stranger.create({ resourceType: 'PractitionerRole', active: true, organization: { reference: `Organization/${orgs[OTHER_PRACTICE]}` } });
      const theirs = { ...requestOn(ids.Consent), requester: { reference: `PractitionerRole/${role}` } };
      const named = await stranger.request('POST', 'ServiceRequest', theirs);
      const missing = await stranger.request('POST', 'ServiceRequest', { ...theirs, supportingInfo: [{ reference: 'Consent/does-not-exist' }] });
      for (const res of [named, missing]) {
        expect(res.status).toBe(403);
        expect(issue(res.body).expression).toEqual(['ServiceRequest.supportingInfo']);
      }
      expect(JSON.stringify(named.body)).not.toContain(consent.patient!.reference!);
      expect(JSON.stringify(named.body).replaceAll(ids.Consent, 'X')).toBe(JSON.stringify(missing.body).replaceAll('does-not-exist', 'X'));
      // Nor through a Task on the other practice's referral.
      const task = await read<Task>(chain.practice, `Task/${ids.Task}`);
      const res = await stranger.request('POST', 'Task', { ...asNew(task), requester: { reference: `PractitionerRole/${role}` } });
      expect(res.status).toBe(403);
      expect(issue(res.body).expression).toEqual(['Task.focus']);
    });

    describe('a Consent that stops covering its referral acts as a withdrawal', () => {
      async function changeConsent(placed: ReferralIds, change: (c: Consent) => Consent): Promise<void> {
        const current = await read<Consent>(chain.practice, `Consent/${placed.Consent}`);
        const res = await chain.practice.request('PUT', `Consent/${placed.Consent}`, change(current));
        expect(res.status).toBe(200);
      }

      async function expectCancelled(placed: ReferralIds): Promise<void> {
        const { task } = await readTask(chain.practice, placed.Task);
        expect(task.status).toBe('cancelled');
        expect(task.statusReason?.coding).toEqual([expect.objectContaining({ system: REASON_SYSTEM, code: 'toestemming-ingetrokken' })]);
      }

      test('its provision period is ended in the past', async () => {
        const placed = await referralAt(chain, 'accepted');
        await changeConsent(placed, (c) => ({ ...c, provision: { ...c.provision!, period: { start: '2019-01-01', end: '2020-12-31' } } }));
        await expectCancelled(placed);
        // The welfare organisation no longer reads the referral's personal data, though the status stays active.
        for (const url of [`ServiceRequest/${placed.ServiceRequest}`, `Patient/${placed.Patient}`, `Consent/${placed.Consent}`]) {
          expect((await chain.welfare.get(url)).status).toBe(404);
        }
        expect((await chain.practice.get(`ServiceRequest/${placed.ServiceRequest}`)).status).toBe(200);
      });

      test('it is made about another resident', async () => {
        const placed = await placeReferral(chain);
        const other = await chain.practice.create(patientWith(nextBsn(), chain.org.P));
        await changeConsent(placed, (c) => ({ ...c, patient: { reference: `Patient/${other}` } }));
        await expectCancelled(placed);
      });

      test('its recipients no longer include the Task owner', async () => {
        const placed = await placeReferral(chain);
        await changeConsent(placed, (c) => ({ ...c, provision: { ...c.provision!, actor: [{ ...c.provision!.actor![0]!, reference: { reference: `Organization/${chain.org.P}` } }] } }));
        await expectCancelled(placed);
      });

      test('a change that still covers the referral leaves the Task open', async () => {
        const placed = await placeReferral(chain);
        await changeConsent(placed, (c) => ({ ...c, dateTime: '2026-01-02T10:00:00+01:00', provision: { ...c.provision!, period: { start: c.provision!.period!.start!, end: '2999-01-01' } } }));
        const { task, version } = await readTask(chain.practice, placed.Task);
        expect(task.status).toBe('requested');
        expect(version).toBe('1');
      });
    });
  },
  { security: true },
);

async function patchAs(caller: Caller, url: string, patch: unknown): Promise<Reply> {
  return caller.request('PATCH', url, patch, { 'content-type': 'application/json-patch+json' });
}
