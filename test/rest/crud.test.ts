import { describeEachStore, FHIR_JSON } from '../support/app.ts';

const patient = { resourceType: 'Patient', name: [{ family: 'Jansen', given: ['Anna'] }], gender: 'female', birthDate: '1958-03-14' };

describeEachStore('create, read, vread, update, delete over HTTP', (t) => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: JSON.stringify(body), headers: { 'content-type': FHIR_JSON, ...headers } });

  it('create answers 201 with Location, ETag, Last-Modified and the stored resource', async () => {
    const res = await post({ ...patient, id: 'client-chosen' });
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const body = res.json();
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/); // the server ignores a client id on create
    expect(body.meta.versionId).toBe('1');
    expect(res.headers.location).toBe(`${t().baseUrl}/Patient/${body.id}/_history/1`);
    expect(res.headers.etag).toBe('W/"1"');
    expect(new Date(res.headers['last-modified'] as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(body.name[0].family).toBe('Jansen');
  });

  it('read returns the current version with its ETag; vread returns an older one', async () => {
    const created = (await post(patient)).json();
    const put = await t().app.inject({
      method: 'PUT',
      url: `/fhir/Patient/${created.id}`,
      payload: JSON.stringify({ ...patient, id: created.id, gender: 'other' }),
      headers: { 'content-type': FHIR_JSON },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().meta.versionId).toBe('2');
    expect(put.headers.location).toBe(`${t().baseUrl}/Patient/${created.id}/_history/2`);

    const read = await t().app.inject({ method: 'GET', url: `/fhir/Patient/${created.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('W/"2"');
    expect(read.json().gender).toBe('other');

    const v1 = await t().app.inject({ method: 'GET', url: `/fhir/Patient/${created.id}/_history/1` });
    expect(v1.statusCode).toBe(200);
    expect(v1.json().gender).toBe('female');
    expect(v1.headers.etag).toBe('W/"1"');

    const v9 = await t().app.inject({ method: 'GET', url: `/fhir/Patient/${created.id}/_history/9` });
    expect(v9.statusCode).toBe(404);
    expect(v9.json().resourceType).toBe('OperationOutcome');
  });

  it('update with a stale If-Match is 412 and changes nothing; the right one succeeds', async () => {
    const created = (await post(patient)).json();
    const url = `/fhir/Patient/${created.id}`;
    const body = JSON.stringify({ ...created, gender: 'male' });
    const first = await t().app.inject({ method: 'PUT', url, payload: body, headers: { 'content-type': FHIR_JSON, 'if-match': 'W/"1"' } });
    expect(first.statusCode).toBe(200);
    const stale = await t().app.inject({ method: 'PUT', url, payload: body, headers: { 'content-type': FHIR_JSON, 'if-match': 'W/"1"' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().issue[0].code).toBe('conflict');
    const current = await t().app.inject({ method: 'GET', url });
    expect(current.json().meta.versionId).toBe('2');
  });

  it('update of an unknown id creates it with that id (update as create)', async () => {
    const res = await t().app.inject({
      method: 'PUT',
      url: '/fhir/Patient/pat-chosen-1',
      payload: JSON.stringify({ ...patient, id: 'pat-chosen-1' }),
      headers: { 'content-type': FHIR_JSON },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`${t().baseUrl}/Patient/pat-chosen-1/_history/1`);
  });

  it('update refuses a body whose id or type differs from the URL', async () => {
    const created = (await post(patient)).json();
    const wrongId = await t().app.inject({
      method: 'PUT', url: `/fhir/Patient/${created.id}`, payload: JSON.stringify({ ...patient, id: 'other' }), headers: { 'content-type': FHIR_JSON },
    });
    expect(wrongId.statusCode).toBe(400);
    expect(wrongId.json().issue[0].expression).toEqual(['id']);
    const noId = await t().app.inject({ method: 'PUT', url: `/fhir/Patient/${created.id}`, payload: JSON.stringify(patient), headers: { 'content-type': FHIR_JSON } });
    expect(noId.statusCode).toBe(400);
    const wrongType = await t().app.inject({
      method: 'PUT', url: `/fhir/Patient/${created.id}`, payload: JSON.stringify({ resourceType: 'Task', id: created.id }), headers: { 'content-type': FHIR_JSON },
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().issue[0].expression).toEqual(['resourceType']);
  });

  it('delete answers 204; a later read is 410 Gone, history keeps every version', async () => {
    const created = (await post(patient)).json();
    const url = `/fhir/Patient/${created.id}`;
    expect((await t().app.inject({ method: 'DELETE', url })).statusCode).toBe(204);
    const gone = await t().app.inject({ method: 'GET', url });
    expect(gone.statusCode).toBe(410);
    expect(gone.json().issue[0].code).toBe('deleted');
    expect((await t().app.inject({ method: 'DELETE', url })).statusCode).toBe(204);
    const history = (await t().app.inject({ method: 'GET', url: `${url}/_history` })).json();
    expect(history.type).toBe('history');
    expect(history.total).toBe(2);
    expect(history.entry[0].request).toEqual({ method: 'DELETE', url: `Patient/${created.id}` });
    expect(history.entry[1].resource.id).toBe(created.id);
    expect((await t().app.inject({ method: 'GET', url: `${url}/_history/1` })).statusCode).toBe(200);
    const recreated = await t().app.inject({ method: 'PUT', url, payload: JSON.stringify({ ...patient, id: created.id }), headers: { 'content-type': FHIR_JSON } });
    expect(recreated.statusCode).toBe(201);
    expect(recreated.json().meta.versionId).toBe('3');
  });

  it('unknown id is 404, unknown type is 404, a known type that is not served is 404, a bad id is 400', async () => {
    const unknownId = await t().app.inject({ method: 'GET', url: '/fhir/Patient/does-not-exist' });
    expect(unknownId.statusCode).toBe(404);
    expect(unknownId.json().issue[0].code).toBe('not-found');
    const unknownType = await t().app.inject({ method: 'GET', url: '/fhir/Banana/1' });
    expect(unknownType.statusCode).toBe(404);
    expect(unknownType.json().issue[0].diagnostics).toMatch(/Unknown resource type "Banana"/);
    const notServed = await t().app.inject({ method: 'GET', url: '/fhir/Medication/1' });
    expect(notServed.statusCode).toBe(404);
    expect(notServed.json().issue[0].diagnostics).toMatch(/not supported/);
    const badId = await t().app.inject({ method: 'GET', url: `/fhir/Patient/${'x'.repeat(65)}` });
    expect(badId.statusCode).toBe(400);
  });

  it('Prefer: return=minimal sends no body, return=OperationOutcome sends an outcome', async () => {
    const minimal = await post(patient, { prefer: 'return=minimal' });
    expect(minimal.statusCode).toBe(201);
    expect(minimal.body).toBe('');
    expect(minimal.headers.location).toMatch(/\/Patient\/[^/]+\/_history\/1$/);
    const outcome = await post(patient, { prefer: 'return=OperationOutcome' });
    expect(outcome.statusCode).toBe(201);
    expect(outcome.json().resourceType).toBe('OperationOutcome');
    const full = await post(patient, { prefer: 'return=representation' });
    expect(full.json().resourceType).toBe('Patient');
  });

  it('conditional read: If-None-Match and If-Modified-Since give 304', async () => {
    const res = await post(patient);
    const url = `/fhir/Patient/${res.json().id}`;
    const etagMatch = await t().app.inject({ method: 'GET', url, headers: { 'if-none-match': 'W/"1"' } });
    expect(etagMatch.statusCode).toBe(304);
    expect(etagMatch.body).toBe('');
    const otherEtag = await t().app.inject({ method: 'GET', url, headers: { 'if-none-match': 'W/"7"' } });
    expect(otherEtag.statusCode).toBe(200);
    const future = new Date(Date.now() + 60_000).toUTCString();
    expect((await t().app.inject({ method: 'GET', url, headers: { 'if-modified-since': future } })).statusCode).toBe(304);
    const past = new Date(Date.now() - 3_600_000).toUTCString();
    expect((await t().app.inject({ method: 'GET', url, headers: { 'if-modified-since': past } })).statusCode).toBe(200);
  });

  it('HEAD answers like GET without a body', async () => {
    const res = await post(patient);
    const head = await t().app.inject({ method: 'HEAD', url: `/fhir/Patient/${res.json().id}` });
    expect(head.statusCode).toBe(200);
    expect(head.headers.etag).toBe('W/"1"');
    expect(head.body).toBe('');
  });

  it('accepts application/json and _format=json, and pretty-prints on _pretty=true', async () => {
    const res = await t().app.inject({ method: 'POST', url: '/fhir/Patient?_format=json', payload: JSON.stringify(patient), headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(res.statusCode).toBe(201);
    const pretty = await t().app.inject({ method: 'GET', url: `/fhir/Patient/${res.json().id}?_pretty=true` });
    expect(pretty.body).toContain('\n  "resourceType": "Patient"');
  });
});

describeEachStore('_summary and _elements on a read', (t) => {
  it('returns the summary or the asked elements, marked SUBSETTED', async () => {
    const created = (
      await t().app.inject({
        method: 'POST',
        url: '/fhir/Patient',
        payload: JSON.stringify({ ...patient, photo: [{ contentType: 'image/png', data: 'AAAA' }], text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Anna</div>' } }),
        headers: { 'content-type': FHIR_JSON },
      })
    ).json();
    const summary = (await t().app.inject({ method: 'GET', url: `/fhir/Patient/${created.id}?_summary=true` })).json();
    expect(summary.name).toBeDefined();
    expect(summary.photo).toBeUndefined();
    expect(summary.meta.tag).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'SUBSETTED' })]));
    const elements = (await t().app.inject({ method: 'GET', url: `/fhir/Patient/${created.id}?_elements=gender` })).json();
    expect(elements.gender).toBe('female');
    expect(elements.name).toBeUndefined();
    expect(elements.id).toBe(created.id);
    const bad = await t().app.inject({ method: 'GET', url: `/fhir/Patient/${created.id}?_summary=maybe` });
    expect(bad.statusCode).toBe(400);
  });
});
