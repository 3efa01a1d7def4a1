/**
 * fast-check arbitraries for hostile HTTP requests to every route family of the app: malformed, truncated, mutated
 * and oversized bodies, junk headers and query strings. Used by fuzz.test.ts.
 */
import fc from 'fast-check';

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** What the running app offers the fuzzer: valid tokens, known resources and valid bodies to start mutating from. */
export interface FuzzTargets {
  readonly tokens: readonly string[];
  readonly types: readonly string[];
  /** Resources that exist, as "Type/id/versionId". */
  readonly existing: readonly string[];
  readonly resources: readonly Record<string, unknown>[];
  readonly bodyLimit: number;
  readonly maxJsonDepth: number;
  /** The search parameters of each served type. */
  readonly searchParameters: Readonly<Record<string, readonly { code: string; type: string }[]>>;
}

/** encodeURIComponent, but junk with lone surrogates goes through raw instead of throwing in the test. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

const PERCENT_JUNK = ['%', '%zz', '%E0%A4%A', '%00', '%2F', '%C0%AF', '..', '.', '%2e%2e', '%25', '%u0041', '%FF%FE', '~', "'", '"', ';', '%0D%0A'];
const ODD_IDS = ['', 'x'.repeat(65), 'a b', '-', '.', '..', '$everything', '_history', '_search', 'undefined', 'null', '0', '1e309', "1' OR '1'='1", 'ÿ'];
const OPERATIONS = ['$validate', '$expand', '$validate-code', '$lookup', '$translate', '$everything', '$meta', '$unknown', '$'];

function idArbitrary(t: FuzzTargets): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...t.existing.map((e) => e.split('/')[1]!)) },
    { weight: 1, arbitrary: fc.constantFrom(...ODD_IDS).map(encode) },
    { weight: 1, arbitrary: fc.string({ maxLength: 70 }).map(encode) },
    { weight: 1, arbitrary: fc.constantFrom(...PERCENT_JUNK) },
  );
}

function typeArbitrary(t: FuzzTargets): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...t.types) },
    { weight: 1, arbitrary: fc.constantFrom('patient', 'Foo', 'Resource', 'DomainResource', 'Bundle', 'OperationOutcome', 'Binary', 'metadata', '_history', '.well-known') },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map(encode) },
  );
}

export function pathArbitrary(t: FuzzTargets): fc.Arbitrary<string> {
  const type = typeArbitrary(t);
  const id = idArbitrary(t);
  const vid = fc.oneof(fc.constantFrom('1', '2', '0', '-1', '999999999999999999999', 'abc', ''), fc.string({ maxLength: 8 }).map(encode));
  const existing = fc.constantFrom(...t.existing);
  return fc.oneof(
    fc.constantFrom('/fhir', '/fhir/', '/fhir/metadata', '/fhir/_history', '/fhir/_search', '/fhir/.well-known/smart-configuration', '/auth/token', '/auth/jwks', '/admin/clients', '/healthz', '/readyz', '/', '/fhir//Patient', '/fhir/Patient/'),
    type.map((ty) => `/fhir/${ty}`),
    fc.tuple(type, id).map(([ty, i]) => `/fhir/${ty}/${i}`),
    existing.map((e) => `/fhir/${e.split('/').slice(0, 2).join('/')}`),
    existing.map((e) => `/fhir/${e.split('/').slice(0, 2).join('/')}/_history`),
    fc.tuple(existing, vid).map(([e, v]) => `/fhir/${e.split('/').slice(0, 2).join('/')}/_history/${v}`),
    fc.tuple(type, id, vid).map(([ty, i, v]) => `/fhir/${ty}/${i}/_history/${v}`),
    type.map((ty) => `/fhir/${ty}/_history`),
    type.map((ty) => `/fhir/${ty}/_search`),
    fc.tuple(type, fc.constantFrom(...OPERATIONS)).map(([ty, op]) => `/fhir/${ty}/${op}`),
    fc.tuple(existing, fc.constantFrom(...OPERATIONS)).map(([e, op]) => `/fhir/${e.split('/').slice(0, 2).join('/')}/${op}`),
    fc.constantFrom(...OPERATIONS).map((op) => `/fhir/${op}`),
    idArbitrary(t).map((i) => `/admin/clients/${i}`),
    fc.array(fc.oneof(fc.string({ maxLength: 12 }).map(encode), fc.constantFrom(...PERCENT_JUNK)), { minLength: 1, maxLength: 5 }).map((segs) => `/${segs.join('/')}`),
    fc.array(fc.oneof(fc.string({ maxLength: 12 }).map(encode), fc.constantFrom(...PERCENT_JUNK)), { minLength: 1, maxLength: 4 }).map((segs) => `/fhir/${segs.join('/')}`),
  );
}

const PARAM_NAMES = [
  '_id', '_count', '_sort', '_include', '_revinclude', '_include:iterate', '_elements', '_summary', '_total', '_format', '_pretty',
  '_lastUpdated', '_profile', '_tag', '_security', '_has', '_has:Task:focus:status', '_has:Foo:bar:baz', '_text', '_content', '_list',
  '_query', '_type', '_since', '_at', '_contained', 'name', 'name:exact', 'name:contains', 'name:missing', 'family', 'given', 'identifier',
  'identifier:of-type', 'birthdate', 'gender', 'status', 'status:not', 'subject', 'subject:Patient', 'subject:Patient.name', 'subject.name',
  'patient', 'owner', 'focus', 'focus:ServiceRequest.subject.identifier', 'code', 'code:text', 'code:in', 'code:below', 'date', 'authored',
  'intent', 'url', 'version', 'telecom', 'address', 'organization', 'period', 'value-quantity', 'system', 'filter', 'count', 'offset',
];

const PARAM_VALUES = [
  '-1', '0', '1', '99999999999', '1e3', 'NaN', '', ' ', '*', 'junk', 'ge2020', 'lt', 'eq-1', 'sa2020-13-45', 'ap2020-02-30T25:61:00Z',
  'gt9999-12-31', 'le0001-01-01', '2020', '2020-01-01T00:00:00+99:00', 'Patient:junk', 'Patient:name', 'Task:focus:ServiceRequest', '*:*',
  'Foo:bar', 'Patient:organization:Organization', '-_lastUpdated', 'name,-birthdate', ',,', 'http://fhir.nl/fhir/NamingSystem/bsn|999911120',
  '|', '||', 'a|b|c', 'Patient/1', 'Patient/', '/', 'http://x/Patient/1/_history/2', 'true', 'false', 'count', 'data', 'text', 'xml',
  'application/fhir+xml', '5.4|http://unitsofmeasure.org|kg', 'ne5||', 'Patient.name', "'; DROP TABLE resources; --", '\\', '%', '\u0000',
];

function paramPair(): fc.Arbitrary<string> {
  const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PARAM_NAMES) }, { weight: 1, arbitrary: fc.string({ maxLength: 15 }) });
  const value = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PARAM_VALUES) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }, { weight: 1, arbitrary: fc.integer().map(String) });
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(name, value).map(([n, v]) => `${encode(n)}=${encode(v)}`) },
    { weight: 1, arbitrary: fc.tuple(name, fc.constantFrom(...PERCENT_JUNK)).map(([n, v]) => `${encode(n)}=${v}`) },
    { weight: 1, arbitrary: fc.constantFrom(...PERCENT_JUNK, '=', '&&', '=x', 'x', '_count', '_count=1&_count=2') },
  );
}

export function queryArbitrary(): fc.Arbitrary<string> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 2, arbitrary: fc.array(paramPair(), { minLength: 1, maxLength: 5 }).map((pairs) => `?${pairs.join('&')}`) });
}

const CONTENT_TYPES = [
  'application/fhir+json', 'application/json', 'application/json-patch+json', 'application/x-www-form-urlencoded', 'text/json',
  'application/json+fhir', 'application/fhir+json; charset=utf-8', 'application/fhir+json; fhirVersion=3.0', 'application/fhir+json; charset=latin1',
  'application/fhir+xml', 'text/plain', 'multipart/form-data; boundary=x', 'application/octet-stream', '*/*', ';', 'application/', 'json',
];

export function tokenArbitrary(t: FuzzTargets): fc.Arbitrary<string | undefined> {
  const token = fc.constantFrom(...t.tokens);
  return fc.oneof(
    { weight: 8, arbitrary: token.map((tk) => `Bearer ${tk}`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.tuple(token, fc.nat()).map(([tk, n]) => `Bearer ${tk.slice(0, n % tk.length)}`) },
    {
      weight: 1,
      arbitrary: fc.tuple(token, fc.nat(), fc.constantFrom('A', 'a', '0', '-', '_', '.', 'Z')).map(([tk, n, c]) => {
        const at = n % tk.length;
        return `Bearer ${tk.slice(0, at)}${c}${tk.slice(at + 1)}`;
      }),
    },
    { weight: 1, arbitrary: fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'bearer x.y.z', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'Bearer a.b.c.d.e') },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => `Bearer ${s}`) },
  );
}

const CONDITIONAL_VALUES = fc.oneof(
  fc.constantFrom('*', 'W/"1"', '"1"', 'W/"2"', 'W/"abc"', 'W/', '', 'name=Fuzz', 'identifier=http://fhir.nl/fhir/NamingSystem/bsn|999911120', '_id=1&_id=2', 'Patient?name=x', 'Tue, 32 Foo 2020', 'Sat, 01 Jan 2000 00:00:00 GMT', 'Fri, 31 Dec 9999 23:59:59 GMT'),
  fc.string({ maxLength: 40 }),
);

/** Present in about one request in `every`. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: every - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
}

/** Mostly well-formed headers, so requests reach the interactions; one junk header at a time, now and then. */
export function headersArbitrary(t: FuzzTargets): fc.Arbitrary<Record<string, string>> {
  return fc
    .record({
      authorization: tokenArbitrary(t),
      'content-type': fc.oneof(
        { weight: 12, arbitrary: fc.constant('application/fhir+json') },
        { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES.slice(1, 7)) },
        { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
        { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
      ),
      accept: sometimes(fc.constantFrom('application/fhir+json', 'application/json', '*/*', 'application/fhir+xml', 'text/html', 'application/fhir+json;q=0', ';;;', 'application/fhir+json; fhirVersion=4.0'), 5),
      prefer: sometimes(fc.oneof(fc.constantFrom('return=minimal', 'return=representation', 'return=OperationOutcome', 'handling=strict', 'handling=lenient', 'respond-async', 'return='), fc.string({ maxLength: 20 })), 4),
      conditional: sometimes(fc.tuple(fc.constantFrom('if-match', 'if-none-match', 'if-none-exist', 'if-modified-since'), CONDITIONAL_VALUES), 5),
      'x-request-id': sometimes(fc.string({ maxLength: 140 }), 10),
      origin: sometimes(fc.constantFrom('https://his.example', 'null', 'http://evil.example'), 10),
    })
    .map(({ conditional, ...h }) => {
      const all: Record<string, string | undefined> = { ...h, ...(conditional ? { [conditional[0]]: conditional[1] } : {}) };
      return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
    });
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path into a JSON value (keys and array indexes), the root included. */
function pathsOf(value: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...at, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...at, k], out);
  return out;
}

/** A copy of `root` with the value at `path` replaced, or its key renamed when `rename` is given. */
function mutateAt(root: Json, path: (string | number)[], replacement: Json, rename?: string): Json {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as { [key: string]: Json };
  let parent: { [key: string]: Json } = copy;
  for (const key of path.slice(0, -1)) parent = parent[key as string] as { [key: string]: Json };
  const last = path[path.length - 1]!;
  if (rename !== undefined && !Array.isArray(parent)) {
    const value = parent[last as string]!;
    delete parent[last as string];
    parent[rename] = value;
  } else {
    parent[last as string] = replacement;
  }
  return copy;
}

const WRONG_VALUES: Json[] = [null, 0, -1, 1.5, 1e308, true, '', 'x', [], {}, [null], { resourceType: 'Patient' }, 'Patient/', '9999-99-99', '\u0000', 'ÿ'.repeat(3)];

function nest(depth: number, inner: string): string {
  return '['.repeat(depth) + inner + ']'.repeat(depth);
}

/** Request bodies: valid resources first, then broken in every way a buggy or hostile client breaks them. */
export function bodyArbitrary(t: FuzzTargets): fc.Arbitrary<string | undefined> {
  const resource = fc.constantFrom(...t.resources) as fc.Arbitrary<Json>;
  const valid = resource.map((r) => JSON.stringify(r));
  const structural = fc.tuple(resource, fc.nat(), fc.oneof(fc.constantFrom(...WRONG_VALUES), fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>), fc.option(fc.string({ maxLength: 12 }), { nil: undefined }))
    .map(([r, n, value, rename]) => {
      const paths = pathsOf(r);
      return JSON.stringify(mutateAt(r, paths[n % paths.length]!, value, rename));
    });
  const truncated = fc.tuple(valid, fc.nat()).map(([text, n]) => text.slice(0, n % text.length));
  const flipped = fc.tuple(valid, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 })).map(([text, flips]) => {
    const chars = [...text];
    for (const [at, code] of flips) chars[at % chars.length] = String.fromCharCode(code);
    return chars.join('');
  });
  const deep = fc.integer({ min: t.maxJsonDepth - 3, max: t.maxJsonDepth + 5 }).chain((d) =>
    fc.constantFrom(nest(d, ''), `{"resourceType":"Patient","extension":${nest(d, '{"url":"http://x"}')}}`, `{"resourceType":"Bundle","type":"transaction","entry":${nest(d, '')}}`, '{"a":'.repeat(d) + '1' + '}'.repeat(d)),
  );
  const long = fc.integer({ min: 1, max: t.bodyLimit }).map((n) => JSON.stringify({ resourceType: 'Patient', name: [{ family: 'x'.repeat(Math.max(0, n - 60)) }] }));
  const oversize = fc.integer({ min: 1, max: 4096 }).map((n) => JSON.stringify({ resourceType: 'Patient', name: [{ text: 'y'.repeat(t.bodyLimit + n) }] }));
  const form = fc.array(fc.tuple(fc.constantFrom('grant_type', 'scope', 'client_assertion_type', 'client_assertion', 'client_id', '_id', 'name'), fc.oneof(fc.constantFrom('client_credentials', 'system/*.read', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', 'a.b.c', ''), fc.string({ maxLength: 40 }))), { maxLength: 5 })
    .map((pairs) => pairs.map(([k, v]) => `${k}=${encode(v)}`).join('&'));
  const patch = fc.array(fc.record({ op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test', 'junk'), path: fc.constantFrom('/name', '/id', '/resourceType', '/meta/versionId', '/-', '', '/a/b/c', '/name/99'), value: fc.jsonValue({ maxDepth: 2 }) }), { maxLength: 4 }).map((ops) => JSON.stringify(ops));
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: valid },
    { weight: 4, arbitrary: structural },
    { weight: 2, arbitrary: truncated },
    { weight: 2, arbitrary: flipped },
    { weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: long },
    { weight: 1, arbitrary: oversize },
    { weight: 1, arbitrary: form },
    { weight: 1, arbitrary: patch },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  );
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const ODD_METHODS = ['TRACE', 'PROPFIND', 'SEARCH', 'LOCK', 'MKCOL', 'PURGE', 'REPORT'];

export function requestArbitrary(t: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      method: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...METHODS) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_METHODS) }),
      path: pathArbitrary(t),
      query: queryArbitrary(),
      headers: headersArbitrary(t),
      payload: bodyArbitrary(t),
    })
    .map(({ method, path, query, headers, payload }) => {
      const withBody = payload !== undefined && method !== 'GET' && method !== 'HEAD';
      if (!withBody) delete headers['content-type'];
      return { method, url: path + query, headers, ...(withBody ? { payload } : {}) };
    });
}

const PREFIXES = ['', '', 'eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap'];

/** A search value that fits the parameter's type: the engine's parsing is tested with sense as well as junk. */
function searchValue(type: string, t: FuzzTargets): fc.Arbitrary<string> {
  const prefix = fc.constantFrom(...PREFIXES);
  const reference = fc.constantFrom(...t.existing.map((e) => e.split('/').slice(0, 2).join('/')));
  switch (type) {
    case 'number':
      return fc.tuple(prefix, fc.oneof(fc.integer().map(String), fc.double({ noNaN: true }).map(String), fc.constantFrom('1e400', '-0', '0.0001', '1.'))).map(([p, v]) => p + v);
    case 'date':
      return fc.tuple(prefix, fc.date({ noInvalidDate: true, min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') }), fc.integer({ min: 4, max: 24 })).map(([p, d, n]) => p + d.toISOString().slice(0, n));
    case 'token':
      return fc.oneof(fc.constantFrom('http://fhir.nl/fhir/NamingSystem/bsn|999911120', 'active', 'requested', 'female', '|x', 'x|', 'true', 'http://snomed.info/sct|'), fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([s, c]) => `${s}|${c}`));
    case 'reference':
      return fc.oneof(reference, reference.map((r) => r.split('/')[1]!), reference.map((r) => `http://127.0.0.1:8080/fhir/${r}`), fc.string({ maxLength: 20 }));
    case 'quantity':
      return fc.tuple(prefix, fc.integer(), fc.constantFrom('', '|http://unitsofmeasure.org|kg', '||kg', '|x|')).map(([p, n, u]) => `${p}${n}${u}`);
    default:
      return fc.oneof(fc.constantFrom('Fuzz', 'voorbeeld', 'https://brug.example.org/fhir', 'a,b', 'x\\,y', '\\'), fc.string({ maxLength: 20 }));
  }
}

const MODIFIERS = ['', '', '', ':missing', ':exact', ':contains', ':not', ':text', ':above', ':below', ':in', ':of-type', ':identifier', ':Patient', ':iterate'];

function plausibleQuery(type: string, t: FuzzTargets): fc.Arbitrary<string> {
  const params = t.searchParameters[type] ?? [];
  const param = params.length > 0
    ? fc.constantFrom(...params).chain((p) => fc.tuple(fc.constantFrom(...MODIFIERS), searchValue(p.type, t)).map(([m, v]) => `${p.code}${m}=${encode(m === ':missing' ? 'true' : v)}`))
    : fc.constant('_id=x');
  const code = params.length > 0 ? fc.constantFrom(...params.map((p) => p.code)) : fc.constant('_id');
  const result = fc.oneof(
    fc.integer({ min: -1, max: 60 }).map((n) => `_count=${n}`),
    code.map((c) => `_sort=${c}`),
    code.map((c) => `_sort=-${c},_id`),
    code.map((c) => `_include=${type}:${c}`),
    fc.tuple(fc.constantFrom(...t.types), code).map(([ty, c]) => `_revinclude=${ty}:${c}`),
    fc.constantFrom('_include=*', '_summary=count', '_summary=true', '_summary=data', '_summary=text', '_total=accurate', '_elements=id,meta', '_contained=true', '_format=json', '_pretty=true'),
    fc.tuple(fc.constantFrom(...t.types), code).map(([ty, c]) => `_has:${ty}:${c}:_id=x`),
    code.map((c) => `${c}.name=Fuzz`),
  );
  return fc.array(fc.oneof({ weight: 3, arbitrary: param }, { weight: 2, arbitrary: result }), { maxLength: 4 }).map((parts) => (parts.length ? `?${parts.join('&')}` : ''));
}

/**
 * Requests a FHIR client means: the right method on a real route with a token, a fitting query and a body that is
 * valid or mutated in one place. They get past the framework into the interactions, the policy and the store.
 */
export function plausibleRequestArbitrary(t: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  const type = fc.constantFrom(...t.types);
  const existing = fc.constantFrom(...t.existing).map((e) => e.split('/') as [string, string, string]);
  const headers = fc.record({ authorization: fc.constantFrom(...t.tokens).map((tk) => `Bearer ${tk}`), prefer: sometimes(fc.constantFrom('return=minimal', 'return=OperationOutcome', 'return=representation'), 4) })
    .map((h) => Object.fromEntries(Object.entries({ ...h, 'content-type': 'application/fhir+json' }).filter((e): e is [string, string] => e[1] !== undefined)));
  const body = bodyArbitrary(t);
  const ofType = (ty: string) => t.resources.filter((r) => r.resourceType === ty);
  const exampleBody = fc.constantFrom(...t.resources.filter((r) => typeof r.resourceType === 'string' && t.types.includes(r.resourceType as string)));
  const interaction: fc.Arbitrary<Omit<FuzzRequest, 'headers'>> = fc.oneof(
    existing.map(([ty, id]) => ({ method: 'GET', url: `/fhir/${ty}/${id}` })),
    fc.tuple(existing, fc.integer({ min: 0, max: 4 })).map(([[ty, id, v], d]) => ({ method: 'GET', url: `/fhir/${ty}/${id}/_history/${Math.max(1, Number(v) - d)}` })),
    existing.map(([ty, id]) => ({ method: 'GET', url: `/fhir/${ty}/${id}/_history` })),
    type.chain((ty) => plausibleQuery(ty, t).map((q) => ({ method: 'GET', url: `/fhir/${ty}${q}` }))),
    type.chain((ty) => plausibleQuery(ty, t).map((q) => ({ method: 'POST', url: `/fhir/${ty}/_search`, payload: q.slice(1) }))),
    fc.constantFrom('/fhir/_history', '/fhir/Patient/_history?_count=5', '/fhir/metadata', '/fhir/ValueSet/$expand?url=http://hl7.org/fhir/ValueSet/administrative-gender', '/fhir/ValueSet/$expand?url=x&filter=a').map((url) => ({ method: 'GET', url })),
    exampleBody.chain((r) => body.map((b) => ({ method: 'POST', url: `/fhir/${String(r.resourceType)}`, payload: b ?? JSON.stringify({ ...r, id: undefined }) }))),
    existing.chain(([ty, id]) => fc.oneof(fc.constant(ofType(ty)[0] ?? { resourceType: ty }), exampleBody).chain((r) => body.map((b) => ({ method: 'PUT', url: `/fhir/${ty}/${id}`, payload: b ?? JSON.stringify({ ...r, id }) })))),
    fc.tuple(existing, bodyArbitrary(t)).map(([[ty, id], b]) => ({ method: 'PATCH', url: `/fhir/${ty}/${id}`, payload: b ?? '[]' })),
    existing.map(([ty, id]) => ({ method: 'DELETE', url: `/fhir/${ty}/${id}` })),
    type.chain((ty) => plausibleQuery(ty, t).map((q) => ({ method: 'DELETE', url: `/fhir/${ty}${q}` }))),
    body.map((b) => ({ method: 'POST', url: '/fhir', payload: b ?? '{"resourceType":"Bundle","type":"batch"}' })),
    fc.tuple(type, body).map(([ty, b]) => ({ method: 'POST', url: `/fhir/${ty}/$validate`, payload: b ?? '{}' })),
  );
  return fc.tuple(interaction, headers).map(([request, h]) => {
    const hdrs: Record<string, string> = { ...h };
    if (request.method === 'PATCH') hdrs['content-type'] = 'application/json-patch+json';
    if (request.url.endsWith('/_search')) hdrs['content-type'] = 'application/x-www-form-urlencoded';
    if (request.payload === undefined) delete hdrs['content-type'];
    return { ...request, headers: hdrs };
  });
}

/** The limits the fuzzed app runs with (README, "Limits"), so the limit class can aim just under and just over them. */
export interface FuzzLimits {
  readonly maxBundleEntries: number;
  readonly maxContained: number;
  readonly maxSortKeys: number;
  readonly maxIncludes: number;
  readonly maxChainDepth: number;
  readonly maxHasDepth: number;
  readonly maxParameterRepeats: number;
  readonly maxJsonDepth: number;
}

/** A request aimed at a limit; `limit` is the variable its refusal must name when it goes over. */
export interface LimitRequest extends FuzzRequest {
  readonly limit?: string;
}

const around = (limit: number): fc.Arbitrary<number> => fc.integer({ min: Math.max(0, limit - 2), max: limit + 2 });

/**
 * Input aimed at each limit, just under and just over it: contained of the wrong shape or nesting itself, deep
 * nesting, oversized Bundles, many and repeated `_sort` keys, many includes, deep chains and `_has`, repeated
 * parameters. Each carries the limit it goes over, if it does.
 */
export function limitRequestArbitrary(t: FuzzTargets, limits: FuzzLimits): fc.Arbitrary<LimitRequest> {
  const json = (method: string, url: string, body: unknown, limit?: string): LimitRequest => ({ method, url, headers: { 'content-type': 'application/fhir+json' }, payload: JSON.stringify(body), ...(limit ? { limit } : {}) });
  const get = (url: string, limit?: string): LimitRequest => ({ method: 'GET', url, headers: {}, ...(limit ? { limit } : {}) });
  const over = (n: number, max: number, name: string): string | undefined => (n > max ? name : undefined);
  const patient = { resourceType: 'Patient', name: [{ family: 'Limit' }] };
  const contained = fc.oneof(
    around(limits.maxContained).map((n) => json('POST', '/fhir/Patient', { ...patient, contained: Array.from({ length: n }, (_, i) => ({ resourceType: 'Organization', id: `o${i}` })) }, over(n, limits.maxContained, 'MAX_CONTAINED'))),
    fc.constantFrom<unknown>({ resourceType: 'Organization', id: 'o' }, 'o', 1, null, [null], [1], [[]], [{}], [{ resourceType: 7 }], [{ resourceType: 'Organization', contained: [] }], [{ resourceType: 'Organization', contained: { resourceType: 'Patient' } }])
      .chain((shape) => fc.constantFrom('Patient', 'Observation', 'Task').map((type) => json('POST', `/fhir/${type}`, { resourceType: type, contained: shape, subject: { reference: '#o' } }))),
    fc.integer({ min: 2, max: 8 }).map((levels) => {
      let inner: Record<string, unknown> = { resourceType: 'Patient', id: 'c0' };
      for (let i = 1; i < levels; i++) inner = { resourceType: 'Patient', id: `c${i}`, contained: [inner] };
      return json('POST', '/fhir/Patient', { ...patient, contained: [inner] });
    }),
  );
  const deep = around(limits.maxJsonDepth).chain((d) => fc.constantFrom(
    json('POST', '/fhir/Patient', JSON.parse(`{"resourceType":"Patient","extension":${nest(d - 1, '')}}`) as unknown, over(d, limits.maxJsonDepth, 'MAX_JSON_DEPTH')),
    json('POST', '/fhir/Patient/$validate', JSON.parse(`{"resourceType":"Parameters","parameter":${nest(d - 1, '')}}`) as unknown, over(d, limits.maxJsonDepth, 'MAX_JSON_DEPTH')),
  ));
  const bundles = fc.tuple(around(limits.maxBundleEntries), fc.constantFrom('transaction', 'batch')).map(([n, type]) =>
    json('POST', '/fhir', { resourceType: 'Bundle', type, entry: Array.from({ length: n }, () => ({ request: { method: 'GET', url: 'Patient?_count=1' } })) }, over(n, limits.maxBundleEntries, 'MAX_BUNDLE_ENTRIES')));
  const type = fc.constantFrom(...t.types.filter((ty) => ['Patient', 'Task', 'ServiceRequest', 'Observation'].includes(ty)));
  const sorts = fc.oneof(
    around(limits.maxSortKeys).map((n) => get(`/fhir/Patient?_sort=${['_id', '-_lastUpdated', 'family', 'given', 'birthdate', 'gender', 'address', 'name'].slice(0, n).join(',')}`, over(n, limits.maxSortKeys, 'MAX_SORT_KEYS'))),
    fc.integer({ min: 2, max: 400 }).map((n) => get(`/fhir/Patient?_sort=${Array(n).fill('family').join(',')}`)),
  );
  const includes = around(limits.maxIncludes).chain((n) => type.map((ty) => get(`/fhir/${ty}?${Array.from({ length: n }, (_, i) => (i % 2 ? `_revinclude=Task:focus` : `_include=${ty}:*`)).join('&')}`, over(n, limits.maxIncludes, 'MAX_INCLUDES'))));
  const chains = fc.oneof(
    around(limits.maxChainDepth).filter((n) => n > 0).map((n) => {
      // n links: subject:Patient.name has 1, subject:Patient.organization.partof.name has 3.
      const path = ['subject:Patient', ...(n > 1 ? ['organization'] : []), ...Array(Math.max(0, n - 2)).fill('partof'), 'name'];
      return get(`/fhir/Task?${path.join('.')}=x`, over(n, limits.maxChainDepth, 'MAX_CHAIN_DEPTH'));
    }),
    around(limits.maxHasDepth).filter((n) => n > 0).map((n) => get(`/fhir/Patient?${'_has:Task:patient:'}${'_has:Task:part-of:'.repeat(n - 1)}status=x`, over(n, limits.maxHasDepth, 'MAX_HAS_DEPTH'))),
    fc.integer({ min: 1, max: 60 }).map((n) => get(`/fhir/Task?${Array(n).fill('subject').join('.')}.name=x`)),
  );
  const repeats = around(limits.maxParameterRepeats).chain((n) => fc.constantFrom('family', '_id', 'name:contains', 'x-unknown').map((name) => get(`/fhir/Patient?${Array(n).fill(`${name}=a`).join('&')}`, over(n, limits.maxParameterRepeats, 'MAX_PARAMETER_REPEATS'))));
  return fc.oneof(contained, deep, bundles, sorts, includes, chains, repeats);
}
