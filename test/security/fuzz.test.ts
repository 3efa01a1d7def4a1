/**
 * Property-based fuzzing of the whole app, with its security layer, on every store: whatever a client sends, the
 * answer is never a 5xx, every refusal is a FHIR OperationOutcome (or an OAuth error from the token endpoint), and no
 * response gives away internals (stack traces, file paths, SQL, library names).
 *
 * Reproducible by default (fixed seed); FUZZ_SEED and FUZZ_RUNS change it, e.g. `FUZZ_RUNS=20000 FUZZ_SEED=$RANDOM`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { startTestApp, type StoreKind, type TestApp } from '../support/app.ts';
import { tokenFor } from '../support/security.ts';
import { connect } from 'node:net';
import { limitRequestArbitrary, plausibleRequestArbitrary, requestArbitrary, type FuzzLimits, type FuzzRequest, type FuzzTargets } from './fuzz-requests.ts';

// Hostile input against both ways Brug runs PostgreSQL: a server of its own (DATABASE_URL) and the embedded default.
const FUZZ_STORES: StoreKind[] = ['postgres', 'embedded'];
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const BODY_LIMIT = 16 * 1024;
const MAX_JSON_DEPTH = 24;
/** The README's defaults, except where the small body limit would hide them (a 1001-entry Bundle is over 16 KiB). */
const LIMITS: FuzzLimits = { maxBundleEntries: 50, maxContained: 100, maxSortKeys: 5, maxIncludes: 10, maxChainDepth: 3, maxHasDepth: 2, maxParameterRepeats: 50, maxJsonDepth: MAX_JSON_DEPTH };
const MAX_URL_BYTES = 8192;
const MAX_HEADER_BYTES = 16_384;

const LEAKS: [string, RegExp][] = [
  ['stack trace', /\n\s+at |\bat (?:async )?[\w.<>]+ \(|at .*\.[cm]?[jt]s:\d+/],
  ['file path', /node_modules|\/work\/|\/src\/|\/usr\/|[\w-]+\.[cm]?[jt]s\b/],
  ['SQL', /\b(?:SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|WHERE|jsonb)\b|\bpg_|syntax error at|relation "|violates .* constraint|SQLSTATE/],
  ['library name', /postgres|fastify|FST_ERR|secure-json-parse|fast-json-patch|JSON-Patch:|More info in|\bajv\b|light-my-request|TypeError|RangeError|ReferenceError|undefined is not (?:a function|an object|iterable)|Cannot read prop/i],
  ['engine text', /content-type is set to|Maximum call stack|is not valid JSON but|banPrototypeModifications|mismatched input|extraneous input|no viable alternative/i],
];

/** What a refusal must look like: a FHIR OperationOutcome with something said, or an OAuth error (RFC 6749 §5.2). */
function refusalProblem(body: string, oauth: boolean): string | undefined {
  let json: { resourceType?: unknown; issue?: { diagnostics?: unknown }[]; error?: unknown };
  try {
    json = JSON.parse(body);
  } catch {
    return 'the body is not JSON';
  }
  if (oauth) return typeof json.error === 'string' && json.error !== '' ? undefined : 'not an OAuth error (no "error" field)';
  if (json.resourceType !== 'OperationOutcome') return 'not an OperationOutcome';
  const said = json.issue?.some((i) => typeof i.diagnostics === 'string' && i.diagnostics.trim() !== '');
  return said ? undefined : 'an OperationOutcome without a diagnostics text';
}

function leakIn(body: string, request: FuzzRequest): string | undefined {
  // Diagnostics may quote what the client sent (an unknown parameter, a bad id); that is not a leak.
  const sent = `${request.url} ${request.payload ?? ''} ${Object.values(request.headers).join(' ')}`;
  for (const [what, pattern] of LEAKS) {
    const match = pattern.exec(body);
    if (match && !sent.includes(match[0]) && !decodedIncludes(sent, match[0])) return `${what}: "${match[0]}"`;
  }
  return undefined;
}

function decodedIncludes(sent: string, text: string): boolean {
  try {
    return decodeURIComponent(sent.replace(/\+/g, ' ')).includes(text);
  } catch {
    return false;
  }
}

/** Sends one request and checks the answer; returns its status. */
async function check(app: FastifyInstance, request: FuzzRequest): Promise<number> {
  const res = await app.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, ...(request.payload !== undefined ? { payload: request.payload } : {}) });
  const where = `${request.method} ${request.url} -> ${res.statusCode}: ${res.body.slice(0, 600)}`;
  if (res.statusCode >= 500) throw new Error(`server error: ${where}`);
  if (res.statusCode >= 400 && request.method !== 'HEAD') {
    const path = request.url.split('?')[0]!;
    const oauth = path.startsWith('/auth/') && app.hasRoute({ method: request.method as 'POST', url: path });
    const problem = refusalProblem(res.body, oauth);
    if (problem) throw new Error(`${problem}: ${where}`);
  }
  // Successes too: $validate answers 200 with an OperationOutcome, a batch answers 200 with one in each entry.
  // /readyz names its database kind on purpose, for operators (test/rest/health.test.ts); nothing else may.
  const leak = leakIn(request.url.startsWith('/readyz') ? res.body.replace(/"database":"(?:embedded|postgres)"/, '') : res.body, request);
  if (leak) throw new Error(`leaks ${leak}: ${where}`);
  return res.statusCode;
}

/** The first admin client there is, registered here when the demo clients are not seeded. */
async function tokensOf(app: FastifyInstance): Promise<string[]> {
  const tokens: string[] = [];
  for (const id of ['demo-admin', 'demo-huisarts', 'demo-welzijn', 'demo-gemeente']) {
    if (await app.security.clients.get(id)) tokens.push(await tokenFor(app, id));
  }
  if (tokens.length === 0) {
    await app.security.clients.save({ clientId: 'fuzz-admin', name: 'fuzz admin', role: 'admin', scopes: 'system/*.*', jwks: { keys: [] }, active: true });
    tokens.push(await tokenFor(app, 'fuzz-admin'));
  }
  return tokens;
}

const EXAMPLES = path.resolve(__dirname, '../../profiles/package/example');

function exampleResources(): Record<string, unknown>[] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(EXAMPLES, f), 'utf8')) as Record<string, unknown>);
}

/** Bodies that are right for some route: the mutations start from these. */
function validBodies(examples: Record<string, unknown>[]): Record<string, unknown>[] {
  const patient = { resourceType: 'Patient', name: [{ family: 'Fuzz', given: ['Test'] }], birthDate: '1970-01-01' };
  return [
    ...examples,
    patient,
    { resourceType: 'Bundle', type: 'transaction', entry: [{ fullUrl: 'urn:uuid:0b8d8a5e-5c1a-4b7e-9a86-7b2f1d3c4e5f', resource: patient, request: { method: 'POST', url: 'Patient' } }, { request: { method: 'GET', url: 'Patient?name=Fuzz' } }] },
    { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: 'Patient' } }, { resource: patient, request: { method: 'PUT', url: 'Patient/fuzz-1' } }, { request: { method: 'DELETE', url: 'Patient/fuzz-2' } }] },
    { resourceType: 'Parameters', parameter: [{ name: 'resource', resource: patient }, { name: 'mode', valueCode: 'create' }] },
    { resourceType: 'Parameters', parameter: [{ name: 'url', valueUri: 'http://hl7.org/fhir/ValueSet/administrative-gender' }, { name: 'filter', valueString: 'ma' }, { name: 'count', valueInteger: 2 }] },
    { clientId: 'fuzz-client', name: 'Fuzz', role: 'first-line', organization: { identifier: { system: 'http://fhir.nl/fhir/NamingSystem/ura', value: '12345678' } }, scopes: 'system/*.read', jwks: { keys: [] } },
  ];
}

/** Stores the examples so the fuzzer reads, updates and deletes resources that exist. */
async function seed(app: FastifyInstance, token: string, examples: Record<string, unknown>[]): Promise<string[]> {
  const existing: string[] = [];
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' };
  const patient = await app.inject({ method: 'POST', url: '/fhir/Patient', headers, payload: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Fuzz' }] }) });
  for (const res of [patient, ...(await Promise.all(examples.map((r) => app.inject({ method: 'PUT', url: `/fhir/${r.resourceType}/${r.id}`, headers, payload: JSON.stringify(r) }))))]) {
    if (res.statusCode === 200 || res.statusCode === 201) {
      const stored = res.json();
      existing.push(`${stored.resourceType}/${stored.id}/${stored.meta.versionId}`);
    }
  }
  return existing.length > 0 ? existing : ['Patient/not-there/1'];
}

describe.each(FUZZ_STORES)('fuzz: hostile requests never get a 5xx or a leak [%s]', (kind) => {
  let t: TestApp;
  let targets: FuzzTargets;

  beforeAll(async () => {
    t = await startTestApp(kind, {
      security: true,
      // A small body limit keeps oversize bodies cheap; the rate limit is off so requests reach the interactions.
      env: { BODY_LIMIT_BYTES: String(BODY_LIMIT), MAX_JSON_DEPTH: String(MAX_JSON_DEPTH), RATE_LIMIT_PER_MINUTE: '0', MAX_BUNDLE_ENTRIES: String(LIMITS.maxBundleEntries) },
      // Oversized URLs and headers must pass Node's HTTP parser, which inject does not.
      listen: true,
    });
    const tokens = await tokensOf(t.app);
    const examples = exampleResources();
    targets = {
      tokens,
      types: t.app.fhirEngine.defs.servedTypes,
      existing: await seed(t.app, tokens[0]!, examples),
      resources: validBodies(examples),
      bodyLimit: BODY_LIMIT,
      maxJsonDepth: MAX_JSON_DEPTH,
      searchParameters: Object.fromEntries(t.app.fhirEngine.defs.servedTypes.map((ty) => [ty, [...t.app.fhirEngine.defs.searchParameters(ty).values()].map((p) => ({ code: p.code, type: p.type }))])),
    };
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('answers every request with a 2xx, 3xx or a 4xx OperationOutcome, and leaks nothing', async () => {
    const statuses = new Map<string, number>();
    let sent = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(fc.oneof(requestArbitrary(targets), plausibleRequestArbitrary(targets)), async (request) => {
        sent++;
        const status = await check(t.app, request);
        statuses.set(`${String(status)[0]}xx`, (statuses.get(`${String(status)[0]}xx`) ?? 0) + 1);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The count goes in the closing note of the CI run.
    const classes = [...statuses].sort().map(([c, n]) => `${c} ${n}`).join(', ');
    console.log(`fuzz [${kind}]: ${sent} requests (${classes}), seed ${SEED}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(sent).toBe(RUNS);
  }, 300_000);

  it('answers input aimed at each limit, just under and just over, and names the limit it refuses', async () => {
    const auth = `Bearer ${targets.tokens[0]}`;
    await fc.assert(
      fc.asyncProperty(limitRequestArbitrary(targets, LIMITS), async ({ limit, ...request }) => {
        const sent = { ...request, headers: { ...request.headers, authorization: auth } };
        const status = await check(t.app, sent);
        if (limit === undefined) return;
        const res = await t.app.inject({ method: sent.method as 'GET', url: sent.url, headers: sent.headers, ...(sent.payload !== undefined ? { payload: sent.payload } : {}) });
        if (status < 400 || !res.body.includes(`${limit}=`)) throw new Error(`over ${limit} but not refused naming it: ${sent.method} ${sent.url.slice(0, 200)} -> ${status}: ${res.body.slice(0, 400)}`);
      }),
      { seed: SEED, numRuns: Math.min(RUNS, 300), endOnFailure: true },
    );
    expect((await t.app.inject({ method: 'GET', url: '/fhir/Patient?_count=1', headers: { authorization: auth } })).statusCode).toBe(200);
  }, 300_000);

  it('answers oversized URLs and headers and broken HTTP on a real socket with an OperationOutcome, and keeps answering', async () => {
    const { port } = new URL(t.baseUrl);
    const raw = fc.oneof(
      fc.integer({ min: MAX_URL_BYTES - 64, max: 4 * MAX_HEADER_BYTES }).map((n) => `GET /fhir/Patient?name=${'x'.repeat(n)} HTTP/1.1\r\nHost: x\r\n\r\n`),
      fc.integer({ min: MAX_HEADER_BYTES - 512, max: 4 * MAX_HEADER_BYTES }).map((n) => `GET /fhir/metadata HTTP/1.1\r\nHost: x\r\nX-Pad: ${'y'.repeat(n)}\r\n\r\n`),
      fc.integer({ min: 100, max: 3000 }).map((n) => `GET /fhir/metadata HTTP/1.1\r\nHost: x\r\n${Array.from({ length: n }, (_, i) => `X-H${i}: v\r\n`).join('')}\r\n`),
      fc.constantFrom('GARBAGE\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'GET /fhir/metadata HTTP/1.1\r\nHost x\r\n\r\n', 'POST /fhir HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n', 'GET /\x00 HTTP/1.1\r\n\r\n'),
    );
    await fc.assert(
      fc.asyncProperty(raw, async (text) => {
        const answer = await rawExchange(Number(port), text);
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
        if (!(status >= 200 && status < 500)) throw new Error(`no 2xx-4xx answer to ${text.slice(0, 80)}…: ${answer.slice(0, 300)}`);
        const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
        if (status >= 400) {
          const problem = refusalProblem(body, false);
          if (problem) throw new Error(`${problem}: ${answer.slice(0, 400)}`);
          if ([414, 431].includes(status) && !/MAX_(URL|HEADER)_BYTES=\d+/.test(body)) throw new Error(`does not name the limit: ${body}`);
        }
        const leak = leakIn(body, { method: 'GET', url: text, headers: {} });
        if (leak) throw new Error(`leaks ${leak}`);
      }),
      { seed: SEED, numRuns: 60, endOnFailure: true },
    );
    const after = await fetch(`${t.baseUrl}/metadata`);
    expect(after.status).toBe(200);
  }, 300_000);
});

/** Writes raw bytes to the server and reads what comes back until it closes the connection or goes quiet. */
function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const done = (): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(5000, done);
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      // A complete answer with a Content-Length: no need to wait for a keep-alive socket to close.
      const length = /content-length: (\d+)/i.exec(answer);
      const head = answer.indexOf('\r\n\r\n');
      if (length && head >= 0 && answer.length >= head + 4 + Number(length[1])) done();
    });
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? done() : reject(err)));
    socket.write(text);
  });
}
