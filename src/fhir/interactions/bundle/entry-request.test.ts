import { BrugError } from '../../../errors.ts';
import { parseEntry, urlResourceType, type EntryParseOptions } from './entry-request.ts';

const options: EntryParseOptions = { baseUrl: 'http://server.example/fhir', outer: { preferReturn: 'minimal' }, inTransaction: true };

function refusal(raw: unknown): { code: string; expression?: readonly string[] } {
  try {
    parseEntry(raw, 3, options);
  } catch (err) {
    if (err instanceof BrugError) return { code: err.code, expression: err.expression };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('parseEntry', () => {
  it('turns an entry into a request: path, query, conditional headers and the outer Prefer', () => {
    const { request, fullUrl, index } = parseEntry(
      { fullUrl: 'urn:uuid:1', resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient', ifNoneExist: 'identifier=x|1' } },
      3,
      options,
    );
    expect(index).toBe(3);
    expect(fullUrl).toBe('urn:uuid:1');
    expect(request).toMatchObject({ method: 'POST', path: 'Patient', query: [], body: { resourceType: 'Patient' }, inTransaction: true });
    expect(request.headers).toMatchObject({ ifNoneExist: 'identifier=x|1', preferReturn: 'minimal' });
  });

  it('parses queries, absolute URLs on this base and If-Match', () => {
    const search = parseEntry({ request: { method: 'GET', url: 'Patient?identifier=http://example.org/fhir/NamingSystem/national-id|123456782&_count=5' } }, 0, options);
    expect(search.request.query).toEqual([['identifier', 'http://example.org/fhir/NamingSystem/national-id|123456782'], ['_count', '5']]);
    const absolute = parseEntry({ request: { method: 'DELETE', url: 'http://server.example/fhir/Patient/1', ifMatch: 'W/"3"' } }, 0, options);
    expect(absolute.request.path).toBe('Patient/1');
    expect(absolute.request.headers.ifMatch).toBe('3');
  });

  it('decodes a JSON Patch carried in a Binary', () => {
    const data = Buffer.from('[{"op":"remove","path":"/active"}]').toString('base64');
    const { request } = parseEntry({ resource: { resourceType: 'Binary', contentType: 'application/json-patch+json', data }, request: { method: 'PATCH', url: 'Patient/1' } }, 0, options);
    expect(request.body).toEqual([{ op: 'remove', path: '/active' }]);
    expect(request.headers.contentType).toBe('application/json-patch+json');
  });

  it('names the element at fault', () => {
    expect(refusal('x')).toEqual({ code: 'BRUG_FHIR_INVALID_BUNDLE', expression: ['Bundle.entry[3]'] });
    expect(refusal({})).toEqual({ code: 'BRUG_FHIR_INVALID_BUNDLE', expression: ['Bundle.entry[3].request'] });
    expect(refusal({ request: { url: 'Patient' } }).expression).toEqual(['Bundle.entry[3].request.method']);
    expect(refusal({ request: { method: 'GET', url: ' ' } }).expression).toEqual(['Bundle.entry[3].request.url']);
    expect(refusal({ request: { method: 'GET', url: 'http://other.example/fhir/Patient/1' } }).expression).toEqual(['Bundle.entry[3].request.url']);
    expect(refusal({ request: { method: 'POST', url: 'Patient' } }).expression).toEqual(['Bundle.entry[3].resource']);
    expect(refusal({ resource: { resourceType: 'Group' }, request: { method: 'PUT', url: 'Patient/1' } })).toEqual({ code: 'BRUG_FHIR_TYPE_MISMATCH', expression: ['Bundle.entry[3].resource.resourceType'] });
    expect(refusal({ request: { method: 'DELETE', url: 'Patient/1', ifMatch: '3' } })).toEqual({ code: 'BRUG_FHIR_BAD_IF_MATCH', expression: ['Bundle.entry[3].request.ifMatch'] });
    expect(refusal({ request: { method: 'GET', url: 'Patient/1', ifModifiedSince: 'gisteren' } }).expression).toEqual(['Bundle.entry[3].request.ifModifiedSince']);
    expect(refusal({ request: { method: 'GET', url: 'Patient/1', ifNoneMatch: 1 } }).expression).toEqual(['Bundle.entry[3].request.ifNoneMatch']);
    expect(refusal({ resource: { resourceType: 'Bundle', type: 'batch' }, request: { method: 'POST', url: '/' } }).code).toBe('BRUG_FHIR_NESTED_BUNDLE');
  });
});

describe('urlResourceType', () => {
  it('names the type of type and instance URLs only', () => {
    expect(urlResourceType('Patient')).toBe('Patient');
    expect(urlResourceType('Patient/1')).toBe('Patient');
    expect(urlResourceType('Patient/_search')).toBeUndefined();
    expect(urlResourceType('Patient/$validate')).toBeUndefined();
    expect(urlResourceType('Patient/1/_history/2')).toBeUndefined();
    expect(urlResourceType('_history')).toBeUndefined();
    expect(urlResourceType('')).toBeUndefined();
  });
});
