/**
 * `Bundle/$validate` on a transaction rehearses it (issue 16): the referral rules that need the Bundle as a whole,
 * above all the consent gate across its own entries, answer before the practice sends it, and nothing is written.
 */
import type { Bundle, Consent, OperationOutcome } from '@medplum/fhirtypes';
import { describeEachStore } from '../support/app.ts';
import { patientWith } from '../support/referral-resources.ts';
import type { Caller } from '../support/referral-world.ts';
import { nextBsn } from '../support/fictional-bsn.ts';
import { referralBundle, setupChain, type Chain } from '../support/referral-chain.ts';

type Issue = OperationOutcome['issue'][number];

const errors = (outcome: OperationOutcome): Issue[] => outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal');
const codeOf = (issue: Issue | undefined) => issue?.details?.coding?.[0]?.code;

/** The referral Bundle with its Consent entry (entry 1) changed. */
function withConsent(bundle: Bundle, change: (consent: Consent) => Consent): Bundle {
  const entry = bundle.entry!.map((e, i) => (i === 1 ? { ...e, resource: change(structuredClone(e.resource as Consent)) } : e));
  return { ...bundle, entry };
}

async function validate(caller: Caller, bundle: Bundle): Promise<OperationOutcome> {
  const res = await caller.request('POST', 'Bundle/$validate', { resourceType: 'Parameters', parameter: [{ name: 'resource', resource: bundle }] });
  expect(res.status).toBe(200);
  return res.body as OperationOutcome;
}

async function countOf(caller: Caller, query: string): Promise<number> {
  const res = await caller.get(`${query}${query.includes('?') ? '&' : '?'}_summary=count`);
  expect(res.status).toBe(200);
  return (res.body as Bundle).total!;
}

describeEachStore(
  'Bundle/$validate rehearses a transaction through the referral rules',
  (current) => {
    let chain: Chain;
    beforeAll(async () => {
      chain = await setupChain(current().app);
    });

    test('a referral that fits is accepted as a rehearsal, and nothing of it is stored', async () => {
      const bsn = nextBsn();
      const requestsBefore = await countOf(chain.practice, 'ServiceRequest');
      const outcome = await validate(chain.practice, referralBundle(chain, bsn));
      expect(errors(outcome)).toEqual([]);
      expect(outcome.issue.map((i) => i.diagnostics).join('\n')).toMatch(/would accept all 4 entries/);
      expect(await countOf(chain.practice, `Patient?identifier=http://fhir.nl/fhir/NamingSystem/bsn|${bsn}`)).toBe(0);
      expect(await countOf(chain.practice, 'ServiceRequest')).toBe(requestsBefore);
      // The same Bundle, sent for real, is accepted: the rehearsal told the truth and left nothing in the way.
      const sent = await chain.practice.request('POST', '', referralBundle(chain, bsn));
      expect(sent.status).toBe(200);
    });

    test('a Consent in the Bundle about another resident is found, at the entry and the Consent element', async () => {
      const other = await chain.practice.create(patientWith(nextBsn(), chain.org.P));
      const bundle = withConsent(referralBundle(chain, nextBsn()), (c) => ({ ...c, patient: { reference: `Patient/${other}` }, performer: [{ reference: `Patient/${other}` }] }));
      const found = errors(await validate(chain.practice, bundle));
      expect(found).toHaveLength(1);
      expect(codeOf(found[0])).toBe('BRUG_WF_CONSENT');
      expect(found[0]!.expression).toEqual(expect.arrayContaining(['Consent.patient']));
      expect(found[0]!.expression!.some((e) => /^Bundle\.entry\[[23]\]/.test(e))).toBe(true);
      expect(found[0]!.diagnostics).toMatch(/would be refused with 422/);
    });

    test('a Consent in the Bundle whose period ended in 2020 is found on Consent.provision.period.end', async () => {
      const bundle = withConsent(referralBundle(chain, nextBsn()), (c) => ({ ...c, provision: { ...c.provision!, period: { start: '2019-01-01', end: '2020-06-30' } } }));
      const found = errors(await validate(chain.practice, bundle));
      expect(codeOf(found[0])).toBe('BRUG_WF_CONSENT');
      expect(found[0]!.expression).toEqual(expect.arrayContaining(['Consent.provision.period.end']));
    });

    test('a Consent in the Bundle that names another recipient than the Task owner is found on Consent.provision.actor', async () => {
      const bundle = withConsent(referralBundle(chain, nextBsn()), (c) => ({
        ...c,
        provision: { ...c.provision!, actor: c.provision!.actor!.map((a) => ({ ...a, reference: { reference: `Organization/${chain.org.P}` } })) },
      }));
      const found = errors(await validate(chain.practice, bundle));
      expect(codeOf(found[0])).toBe('BRUG_WF_CONSENT');
      expect(found[0]!.expression).toEqual(expect.arrayContaining(['Consent.provision.actor']));
    });

    test('a caller who may not place referrals learns that from the rehearsal, as a 403 would tell it', async () => {
      const found = errors(await validate(chain.welfare, referralBundle(chain, nextBsn())));
      expect(found.length).toBeGreaterThan(0);
      expect(found[0]!.code).toBe('forbidden');
      expect(found[0]!.diagnostics).toMatch(/would be refused with 403/);
    });

    test('a Bundle with profile errors is not rehearsed: the profile errors are the answer', async () => {
      const bundle = withConsent(referralBundle(chain, nextBsn()), (c) => ({ ...c, status: 'nonsense' as Consent['status'] }));
      const outcome = await validate(chain.practice, bundle);
      expect(errors(outcome).length).toBeGreaterThan(0);
      expect(outcome.issue.some((i) => /rehearsed|would be refused/i.test(i.diagnostics ?? ''))).toBe(false);
    });

    test('a batch is not rehearsed: its entries are checked against their profiles only', async () => {
      const bundle = withConsent(referralBundle(chain, nextBsn()), (c) => ({ ...c, provision: { ...c.provision!, period: { start: '2019-01-01', end: '2020-06-30' } } }));
      const asBatch = { ...bundle, type: 'batch' as const };
      expect(errors(await validate(chain.practice, asBatch))).toEqual([]);
    });
  },
  { security: true },
);
