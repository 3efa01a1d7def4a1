import type { Bundle, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { describeEachStore, ENGINE_ONLY, FHIR_JSON } from '../support/app.ts';

/** Search over HTTP as a client sees it: GET and POST _search, paging by links, errors, includes, subsetting. */
const TAG = 'http://brug.example/test-tags|http-search';
const meta = { tag: [{ system: 'http://brug.example/test-tags', code: 'http-search' }] };

const resources = [
  { resourceType: 'Organization', id: 'hs-o1', meta, name: 'Wijkteam Oost' },
  { resourceType: 'Patient', id: 'hs-p1', meta, name: [{ family: 'Bakker', given: ['Els'] }], gender: 'female', birthDate: '1950-05-05', managingOrganization: { reference: 'Organization/hs-o1' } },
  { resourceType: 'Patient', id: 'hs-p2', meta, name: [{ family: 'Bakkum' }], gender: 'male', birthDate: '1990-01-01' },
  { resourceType: 'Patient', id: 'hs-p3', meta, name: [{ family: 'Visser' }], gender: 'female', birthDate: '2001-09-11' },
  { resourceType: 'Task', id: 'hs-t1', meta, status: 'requested', intent: 'order', for: { reference: 'Patient/hs-p1' }, owner: { reference: 'Organization/hs-o1' } },
];

describeEachStore('search over HTTP', (t) => {
  const get = (url: string, headers: Record<string, string> = {}) => t().app.inject({ method: 'GET', url, headers });
  const bundle = async (url: string): Promise<Bundle> => {
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    return res.json() as Bundle;
  };
  const ids = (b: Bundle, mode = 'match') => (b.entry ?? []).filter((e) => e.search?.mode === mode).map((e) => e.resource!.id).sort();
  const local = (url: string) => url.slice(url.indexOf('/fhir'));

  beforeAll(async () => {
    for (const r of resources) {
      const res = await t().app.inject({ method: 'PUT', url: `/fhir/${r.resourceType}/${r.id}`, payload: JSON.stringify(r), headers: { 'content-type': FHIR_JSON } });
      expect(res.statusCode).toBe(201);
    }
  });

  it('GET finds by string (accent- and case-insensitive prefix), token and date, as a searchset', async () => {
    const res = await get(`/fhir/Patient?_tag=${TAG}&name=BAK&gender=female`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const b = res.json() as Bundle;
    expect(b).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect(ids(b)).toEqual(['hs-p1']);
    expect(b.entry?.[0]?.fullUrl).toBe(`${t().baseUrl}/Patient/hs-p1`);
    expect(ids(await bundle(`/fhir/Patient?_tag=${TAG}&birthdate=ge1990`))).toEqual(['hs-p2', 'hs-p3']);
  });

  it('POST _search takes its parameters from a form body', async () => {
    const res = await t().app.inject({
      method: 'POST', url: '/fhir/Patient/_search', payload: `_tag=${encodeURIComponent(TAG)}&family=visser`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(200);
    expect(ids(res.json())).toEqual(['hs-p3']);
  });

  it('following next links visits every match once', async () => {
    const seen: string[] = [];
    let url: string | undefined = `/fhir/Patient?_tag=${TAG}&_sort=-birthdate&_count=2`;
    while (url) {
      const b = await bundle(url);
      seen.push(...(b.entry ?? []).map((e) => e.resource!.id!));
      const next = b.link?.find((l) => l.relation === 'next')?.url;
      url = next ? local(next) : undefined;
    }
    expect(seen).toEqual(['hs-p3', 'hs-p2', 'hs-p1']);
  });

  it('chains, reverse-chains and includes', async () => {
    expect(ids(await bundle(`/fhir/Task?_tag=${TAG}&patient.name=bakker`))).toEqual(['hs-t1']);
    expect(ids(await bundle(`/fhir/Patient?_tag=${TAG}&_has:Task:patient:status=requested`))).toEqual(['hs-p1']);
    const b = await bundle(`/fhir/Task?_id=hs-t1&_include=Task:patient&_include=Task:owner&_revinclude=Patient:organization`);
    expect(ids(b, 'include')).toEqual(['hs-o1', 'hs-p1']);
    const withRev = await bundle(`/fhir/Organization?_id=hs-o1&_revinclude=Patient:organization&_revinclude=Task:owner`);
    expect(ids(withRev, 'include')).toEqual(['hs-p1', 'hs-t1']);
  });

  it('searches at system level with _type', async () => {
    expect(ids(await bundle(`/fhir?_type=Patient,Organization&_tag=${TAG}&_lastUpdated=gt2000`))).toEqual(['hs-o1', 'hs-p1', 'hs-p2', 'hs-p3']);
  });

  it('sees updates and deletes at once', async () => {
    const p = { resourceType: 'Patient', id: 'hs-p4', meta, name: [{ family: 'Smit' }] };
    const put = (body: object) => t().app.inject({ method: 'PUT', url: '/fhir/Patient/hs-p4', payload: JSON.stringify(body), headers: { 'content-type': FHIR_JSON } });
    await put(p);
    expect(ids(await bundle(`/fhir/Patient?_tag=${TAG}&name=smit`))).toEqual(['hs-p4']);
    await put({ ...p, name: [{ family: 'Smid' }] });
    expect(ids(await bundle(`/fhir/Patient?_tag=${TAG}&name=smit`))).toEqual([]);
    expect(ids(await bundle(`/fhir/Patient?_tag=${TAG}&name=smid`))).toEqual(['hs-p4']);
    await t().app.inject({ method: 'DELETE', url: '/fhir/Patient/hs-p4' });
    expect(ids(await bundle(`/fhir/Patient?_tag=${TAG}&name=smid`))).toEqual([]);
  });

  it('lenient by default: an unknown parameter is ignored and reported in an outcome entry', async () => {
    const b = await bundle(`/fhir/Patient?_tag=${TAG}&shoe-size=44&family=visser`);
    expect(ids(b)).toEqual(['hs-p3']);
    const outcome = b.entry?.find((e) => e.search?.mode === 'outcome')?.resource as OperationOutcome;
    expect(outcome.issue?.[0]).toMatchObject({ severity: 'warning', code: 'not-supported', expression: ['shoe-size'] });
  });

  it('strict on request: an unknown parameter is a 400 OperationOutcome naming it', async () => {
    const res = await get('/fhir/Patient?shoe-size=44', { prefer: 'handling=strict' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', expression: ['shoe-size'] }] });
  });

  it('a malformed value is always a 400 that names the parameter', async () => {
    const res = await get('/fhir/Patient?birthdate=1990-13');
    expect(res.statusCode).toBe(400);
    expect(res.json().issue[0].diagnostics).toMatch(/birthdate/);
  });

  it('_summary=count gives the total only; _elements and _summary subset and mark the matches', async () => {
    const count = await bundle(`/fhir/Patient?_tag=${TAG}&_summary=count`);
    expect(count.total).toBe(3);
    expect(count.entry ?? []).toEqual([]);
    const elements = await bundle(`/fhir/Patient?_id=hs-p1&_elements=gender`);
    const p1 = elements.entry?.[0]?.resource as Patient;
    expect(p1.gender).toBe('female');
    expect(p1.name).toBeUndefined();
    expect(p1.meta?.tag?.map((tag) => tag.code)).toContain('SUBSETTED');
    const read = await get('/fhir/Patient/hs-p1?_summary=true');
    expect(read.statusCode).toBe(200);
    expect(read.json().meta.tag.map((tag: { code: string }) => tag.code)).toContain('SUBSETTED');
  });
}, ENGINE_ONLY);
