import { describeEachStore, FHIR_JSON } from '../support/app.ts';

function expectOutcome(res: { statusCode: number; body: string; headers: Record<string, unknown> }, status: number): { issue: { code: string; diagnostics: string; expression?: string[] }[] } {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/fhir\+json/);
  const body = JSON.parse(res.body);
  expect(body.resourceType).toBe('OperationOutcome');
  expect(res.body).not.toMatch(/at .*\.ts:\d+|node_modules|stack/i);
  return body;
}

describeEachStore('bad input gets a clear OperationOutcome, never a 500', (t) => {
  it('malformed JSON is 400, in our words, with the position when it is known', async () => {
    const res = await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: '{"resourceType": "Patient",', headers: { 'content-type': FHIR_JSON } });
    expect(expectOutcome(res, 400).issue[0]!.diagnostics).toBe('The request body is not valid JSON: it ends too soon');
    const cases: [string, string, RegExp][] = [
      [FHIR_JSON, '{"resourceType":"Patient",\n "active" true}', /^The request body is not valid JSON: unexpected character at line 2, column 11 \(position 37\)$/],
      ['application/json', '{"resourceType":}', /^The request body is not valid JSON: unexpected "}"$/],
      ['application/json-patch+json', '[{"op":"add",]', /^The request body is not valid JSON/],
    ];
    for (const [type, payload, text] of cases) {
      const bad = await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload, headers: { 'content-type': type } });
      expect(expectOutcome(bad, 400).issue[0]!.diagnostics).toMatch(text);
      expect(bad.body).not.toMatch(/content-type is set to|Body is not valid JSON/);
    }
  });

  it('a body that is not a resource is 400', async () => {
    const res = await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: '[1,2]', headers: { 'content-type': FHIR_JSON } });
    expectOutcome(res, 400);
    const noType = await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: '{"name":[]}', headers: { 'content-type': FHIR_JSON } });
    expect(expectOutcome(noType, 400).issue[0]!.expression).toEqual(['resourceType']);
    const empty = await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: '', headers: { 'content-type': FHIR_JSON } });
    expectOutcome(empty, 400);
  });

  it('resourceType not matching the URL is 400', async () => {
    const res = await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: '{"resourceType":"Task"}', headers: { 'content-type': FHIR_JSON } });
    expect(expectOutcome(res, 400).issue[0]!.expression).toEqual(['resourceType']);
  });

  it('prototype-poisoning keys are refused with 400', async () => {
    const res = await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: '{"resourceType":"Patient","__proto__":{"x":1}}', headers: { 'content-type': FHIR_JSON } });
    expect(expectOutcome(res, 400).issue[0]!.diagnostics).toBe('The request body uses the reserved key __proto__');
    const nested = '{"resourceType":"Patient","name":[{"constructor":{"prototype":{"x":1}}}]}';
    const ctor = await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: nested, headers: { 'content-type': 'application/json' } });
    expect(expectOutcome(ctor, 400).issue[0]!.diagnostics).toBe('The request body uses the reserved key constructor.prototype');
    // The name alone is harmless: a string value that says "constructor" is not refused.
    const harmless = await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: '{"resourceType":"Patient","name":[{"text":"\\"constructor\\": x"}]}', headers: { 'content-type': FHIR_JSON } });
    expect(harmless.statusCode).toBe(201);
  });

  it('an unsupported media type is 415', async () => {
    const xml = await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: '<Patient xmlns="http://hl7.org/fhir"/>', headers: { 'content-type': 'application/fhir+xml' } });
    expectOutcome(xml, 415);
    const text = await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: 'hello', headers: { 'content-type': 'text/plain' } });
    expectOutcome(text, 415);
  });

  it('asking for XML only is 406', async () => {
    expectOutcome(await t().app.inject({ method: 'GET', url: '/fhir/metadata?_format=xml' }), 406);
    expectOutcome(await t().app.inject({ method: 'GET', url: '/fhir/metadata', headers: { accept: 'application/fhir+xml' } }), 406);
    const both = await t().app.inject({ method: 'GET', url: '/fhir/metadata', headers: { accept: 'application/fhir+xml;q=0.9, application/fhir+json' } });
    expect(both.statusCode).toBe(200);
  });

  it('a method the URL does not support is 405; an unknown path is 404; a malformed URL is 400', async () => {
    expectOutcome(await t().app.inject({ method: 'DELETE', url: '/fhir/metadata' }), 405);
    expectOutcome(await t().app.inject({ method: 'GET', url: '/fhir/Patient/1/_history/1/extra' }), 404);
    expectOutcome(await t().app.inject({ method: 'GET', url: '/nothing-here' }), 404);
    expectOutcome(await t().app.inject({ method: 'GET', url: '/fhir/Patient/%E0%A4%A' }), 400);
  });

  it('a malformed If-Match is 400', async () => {
    const created = (await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: '{"resourceType":"Patient"}', headers: { 'content-type': FHIR_JSON } })).json();
    const res = await t().app.inject({
      method: 'PUT', url: `/fhir/Patient/${created.id}`, payload: JSON.stringify(created), headers: { 'content-type': FHIR_JSON, 'if-match': 'three' },
    });
    expectOutcome(res, 400);
  });

  it('a request id is echoed, or made when absent', async () => {
    const given = await t().app.inject({ method: 'GET', url: '/fhir/metadata', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await t().app.inject({ method: 'GET', url: '/fhir/metadata', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describeEachStore(
  'body size limit',
  (t) => {
    it('a body over the configured limit is 413', async () => {
      const big = JSON.stringify({ resourceType: 'Patient', name: [{ text: 'x'.repeat(4096) }] });
      const res = await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: big, headers: { 'content-type': FHIR_JSON } });
      expectOutcome(res, 413);
    });
  },
  { env: { BODY_LIMIT_BYTES: '2048' } },
);
