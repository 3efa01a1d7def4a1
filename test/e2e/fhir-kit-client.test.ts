import { Client } from 'fhir-kit-client';
import type { Bundle, Observation, Patient } from '@medplum/fhirtypes';
import { ENGINE_ONLY, STORE_KINDS, startTestApp, type TestApp } from '../support/app.ts';
import { accessTokenFor } from '../security/oauth-requests.ts';

/** A client from the field, used unchanged against a listening server: what a GP-system vendor would do. */
describe.each(STORE_KINDS)('fhir-kit-client against a running Brug [%s]', (kind) => {
  let t: TestApp;
  let client: Client;

  beforeAll(async () => {
    t = await startTestApp(kind, { listen: true, security: true, ...ENGINE_ONLY });
    // A SMART Backend Services token from the token endpoint, handed to the client as its bearer token.
    client = new Client({ baseUrl: t.baseUrl, bearerToken: await accessTokenFor(t.app, 'demo-admin') });
  });
  afterAll(async () => {
    await t.close();
  });

  it('reads the CapabilityStatement', async () => {
    const cs = (await client.capabilityStatement()) as unknown as { fhirVersion: string };
    expect(cs.fhirVersion).toBe('4.0.1');
  });

  it('finds the token endpoint the SMART way', async () => {
    const uris = (await client.smartAuthMetadata()) as { authorizeUrl?: URL; tokenUrl?: URL };
    expect(String(uris.tokenUrl)).toBe(t.config.tokenUrl);
  });

  it('is refused without a token', async () => {
    const anonymous = new Client({ baseUrl: t.baseUrl });
    await expect(anonymous.search({ resourceType: 'Patient', searchParams: {} })).rejects.toMatchObject({ response: { status: 401 } });
  });

  it('creates, reads, updates, searches and deletes', async () => {
    const created = (await client.create({
      resourceType: 'Patient',
      body: { resourceType: 'Patient', identifier: [{ system: 'http://fhir.nl/fhir/NamingSystem/bsn', value: '999911120' }], name: [{ family: 'Bakker' }] },
    })) as Patient;
    expect(created.id).toBeDefined();
    const read = (await client.read({ resourceType: 'Patient', id: created.id! })) as unknown as Patient;
    expect(read.name?.[0]?.family).toBe('Bakker');
    const updated = (await client.update({ resourceType: 'Patient', id: created.id!, body: { ...read, gender: 'female' } })) as unknown as Patient;
    expect(updated.meta?.versionId).toBe('2');
    const found = (await client.search({ resourceType: 'Patient', searchParams: { identifier: 'http://fhir.nl/fhir/NamingSystem/bsn|999911120' } })) as unknown as Bundle;
    expect(found.entry?.map((e) => e.resource?.id)).toEqual([created.id]);
    // A Task here would be a referral with its consent and workflow; an Observation tests the same client calls.
    const observation = (await client.create({
      resourceType: 'Observation',
      body: { resourceType: 'Observation', status: 'final', code: { text: 'Eenzaamheid' }, subject: { reference: `Patient/${created.id}` } },
    })) as unknown as Observation;
    const found2 = (await client.search({ resourceType: 'Observation', searchParams: { subject: `Patient/${created.id}`, _include: 'Observation:subject' } })) as unknown as Bundle;
    expect(found2.entry?.map((e) => e.resource?.id).sort()).toEqual([created.id, observation.id].sort());
    await client.delete({ resourceType: 'Observation', id: observation.id! });
    await expect(client.read({ resourceType: 'Observation', id: observation.id! })).rejects.toMatchObject({ response: { status: 410 } });
    const history = (await client.resourceHistory({ resourceType: 'Patient', id: created.id! })) as unknown as Bundle;
    expect(history.total).toBe(2);
  });
});
