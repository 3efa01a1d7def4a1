/**
 * Dutch error texts (issue 22): `Accept-Language: nl`, or ERROR_LANGUAGE=nl as the server's default, gives Brug's own
 * errors a Dutch `issue.details.text`; the code, the location and the English `diagnostics` stay as they are.
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import { ConformanceErrors } from '../../src/conformance/errors.ts';
import { FhirErrors } from '../../src/fhir/errors.ts';
import { MonitoringErrors } from '../../src/monitoring/errors.ts';
import { SecurityErrors } from '../../src/security/errors.ts';
import { StoreErrors } from '../../src/store/errors.ts';
import { SubscriptionErrors } from '../../src/subscriptions/errors.ts';
import { TerminologyErrors } from '../../src/terminology/errors.ts';
import { WorkflowErrors } from '../../src/workflow/errors.ts';
import type { ErrorFactory } from '../../src/errors.ts';
import { FHIR_JSON, STORE_KINDS, startTestApp, type TestApp } from '../support/app.ts';

const MARK = '\u0001';

describe('every error Brug answers with has a Dutch text with the same blanks', () => {
  const layers = { FhirErrors, StoreErrors, WorkflowErrors, SecurityErrors, ConformanceErrors, TerminologyErrors, MonitoringErrors, SubscriptionErrors };
  const factories = Object.entries(layers).flatMap(([layer, errors]) =>
    Object.entries(errors as Record<string, unknown>)
      .filter((entry): entry is [string, ErrorFactory] => typeof entry[1] === 'function' && typeof (entry[1] as ErrorFactory).code === 'string')
      .map(([name, factory]) => [`${layer}.${name}`, factory] as const),
  );
  test.each(factories)('%s', (_name, factory) => {
    const err = factory(Array.from({ length: 8 }, () => MARK));
    const dutch = err.text('nl');
    expect(dutch).not.toBe(err.message);
    expect(dutch.split(MARK).length).toBe(err.message.split(MARK).length);
  });
});

describe.each(STORE_KINDS)('error texts follow Accept-Language [%s]', (kind) => {
  let t: TestApp;
  let dutchByDefault: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { REQUIRE_PROFILES: 'false' } });
    dutchByDefault = await startTestApp(kind, { env: { REQUIRE_PROFILES: 'false', ERROR_LANGUAGE: 'nl' } });
  });
  afterAll(async () => {
    await t?.close();
    await dutchByDefault?.close();
  });

  async function refusal(app: TestApp, language?: string) {
    const res = await app.app.inject({ method: 'GET', url: '/fhir/Patient/bestaat-niet', headers: language ? { 'accept-language': language } : {} });
    expect(res.statusCode).toBe(404);
    return { issue: (res.json() as OperationOutcome).issue[0]!, language: res.headers['content-language'], vary: res.headers.vary };
  }

  test('nl, nl-NL and a Dutch preference by quality give the Dutch text; the code and diagnostics stay', async () => {
    for (const header of ['nl', 'nl-NL', 'en;q=0.4, nl-BE;q=0.8', 'fr, nl;q=0.1']) {
      const { issue, language, vary } = await refusal(t, header);
      expect([header, issue.details?.text]).toEqual([header, 'Patient/bestaat-niet is niet bekend']);
      expect(issue.details?.coding?.[0]?.code).toBe('BRUG_FHIR_NOT_FOUND');
      expect(issue.diagnostics).toBe('Patient/bestaat-niet is not known');
      expect(language).toBe('nl');
      expect(vary).toMatch(/Accept-Language/i);
    }
  });

  test('English without a header, for en, and for a language Brug does not have', async () => {
    for (const header of [undefined, 'en-GB', 'fr', 'nl;q=0, en']) {
      const { issue, language } = await refusal(t, header);
      expect([header, issue.details?.text]).toEqual([header, 'Patient/bestaat-niet is not known']);
      expect(language).toBe('en');
    }
  });

  test('ERROR_LANGUAGE=nl makes Dutch the default, and an English request still gets English', async () => {
    expect((await refusal(dutchByDefault)).issue.details?.text).toBe('Patient/bestaat-niet is niet bekend');
    expect((await refusal(dutchByDefault, 'fr')).issue.details?.text).toBe('Patient/bestaat-niet is niet bekend');
    expect((await refusal(dutchByDefault, 'en')).issue.details?.text).toBe('Patient/bestaat-niet is not known');
  });

  test('a failed transaction entry keeps its place in the Dutch text', async () => {
    const bundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'GET', url: 'Patient/bestaat-niet' } }] };
    const res = await t.app.inject({ method: 'POST', url: '/fhir', payload: JSON.stringify(bundle), headers: { 'content-type': FHIR_JSON, 'accept-language': 'nl' } });
    expect(res.statusCode).toBe(404);
    expect((res.json() as OperationOutcome).issue[0]!.details?.text).toBe('Bundle.entry[0] (GET Patient/bestaat-niet): Patient/bestaat-niet is niet bekend');
  });
});
