/**
 * Referral traffic against a running Brug over HTTP, for tests and benchmarks that drive a spawned server: the demo
 * clients seeded into its PostgreSQL database, access tokens from its token endpoint, and referral transaction
 * Bundles (Patient, Consent, ServiceRequest, Task per referral) shaped like examples/1-verwijzing.json.
 * Shared by jest (CommonJS) and the benchmarks (ES modules): it finds the project from the working directory.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Bundle, BundleEntry, Resource, Task } from '@medplum/fhirtypes';
import { discoverTokenEndpoint, requestAccessToken } from '../../scripts/backend-token.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { DEMO_ORGANIZATIONS, demoPrivateKey, seedDemoClients } from '../../src/security/oauth/index.ts';
import { nextBsn } from './fictional-bsn.ts';

export const FHIR_JSON = 'application/fhir+json';

/** The demo organisations' ids (src/security/oauth/demo-clients.ts). */
export const PRACTICE_ORG = DEMO_ORGANIZATIONS.practice.id;
export const WELFARE_ORG = DEMO_ORGANIZATIONS.welfare.id;
export const WELFARE_2_ORG = DEMO_ORGANIZATIONS.welfare2.id;

/**
 * Registers the demo clients and their organisations in a PostgreSQL database, as the test app does: the server
 * only seeds them itself on its embedded database. Runs the app once in this process (no delivery worker, no port).
 */
export async function seedDemoClientsInto(databaseUrl: string, port: number): Promise<void> {
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), DATA_DIR: 'memory://', SUBSCRIPTION_WORKER: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'test' });
  const app = await buildApp(config, { logger: false });
  try {
    await app.ready();
    await seedDemoClients(app);
  } finally {
    await app.close();
  }
}

/** The server could not be reached or the connection broke (it is down or was killed): worth trying again later. */
export class ServerUnreachable extends Error {}

async function reachable<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    // fetch reports a refused or broken connection as a TypeError (by name: under jest it comes from another realm);
    // the token helper wraps it in a message.
    const { name, message } = err as { name?: string; message?: string };
    if (name === 'TypeError' || /cannot reach/.test(message ?? '')) throw new ServerUnreachable(`${what}: ${(err as Error).message}`);
    throw err;
  }
}

export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

/** One demo client talking to the server over HTTP with a token from the server's own token endpoint. */
export class FhirClient {
  readonly clientId: string;
  private readonly base: string;
  private token?: { value: string; at: number };
  private readonly fixedToken?: string;

  /** `token`: one signed elsewhere (a benchmark's own client, not a demo client), used as is. */
  constructor(base: string, clientId: string, token?: string) {
    this.base = base.replace(/\/+$/, '');
    this.clientId = clientId;
    if (token !== undefined) this.fixedToken = token;
  }

  /** A fresh token every two minutes (they live five by default); public for callers that time their own requests. */
  async accessToken(): Promise<string> {
    if (this.fixedToken !== undefined) return this.fixedToken;
    if (!this.token || Date.now() - this.token.at > 120_000) {
      const privateJwk = demoPrivateKey(this.clientId);
      if (!privateJwk) throw new Error(`${this.clientId} is not a demo client`);
      const token = await reachable('token', async () => requestAccessToken({ clientId: this.clientId, privateJwk, tokenUrl: await discoverTokenEndpoint(this.base) }));
      this.token = { value: token, at: Date.now() };
    }
    return this.token.value;
  }

  /** One request: an HTTP error is returned; a server that is down or dies meanwhile throws ServerUnreachable. */
  async request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const authorization = `Bearer ${await this.accessToken()}`;
    return reachable(`${method} ${url}`, async () => {
      const res = await fetch(`${this.base}/${url}`, {
        method,
        headers: { authorization, accept: FHIR_JSON, ...(body === undefined ? {} : { 'content-type': FHIR_JSON }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    });
  }

  /** Creates and returns the new id; throws when the server refuses. */
  async create(resource: Resource): Promise<string> {
    const res = await this.request('POST', resource.resourceType, resource);
    if (res.status !== 201) throw new Error(`${this.clientId} could not create ${resource.resourceType}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }
}


const TEMPLATE = JSON.parse(readFileSync(path.join(process.cwd(), 'examples', '1-verwijzing.json'), 'utf8')) as Bundle;
const TEMPLATE_ROLE = 'urn:uuid:0c7e1d7a-4b0e-4f43-9a3e-1d2f3a4b5c01';

/** The practice's PractitionerRole that requests the referrals (the example's first entry, created once). */
export async function createRequesterRole(practice: FhirClient): Promise<string> {
  const role = TEMPLATE.entry![0]!.resource!;
  return practice.create({ ...role, identifier: [{ system: 'https://brug.example.org/fhir/sid/demo-practitionerrole', value: `load-${randomUUID()}` }] } as Resource);
}

/** The four entries of one referral of examples/1-verwijzing.json to `owner`, with fresh fullUrls and BSN. */
function referralEntries(requesterRole: string, owner: string): BundleEntry[] {
  let text = JSON.stringify(TEMPLATE.entry!.slice(1));
  for (const n of ['02', '03', '04', '05']) text = text.split(`urn:uuid:0c7e1d7a-4b0e-4f43-9a3e-1d2f3a4b5c${n}`).join(`urn:uuid:${randomUUID()}`);
  text = text.split(`"${TEMPLATE_ROLE}"`).join(`"PractitionerRole/${requesterRole}"`).split('"Organization/demo-welzijn"').join(`"Organization/${owner}"`);
  const entries = JSON.parse(text) as BundleEntry[];
  const [patient] = entries;
  const bsn = nextBsn();
  (patient!.resource as { identifier: { value: string }[] }).identifier[0]!.value = bsn;
  delete patient!.request!.ifNoneExist;
  return entries;
}

/** A transaction Bundle placing one referral per entry of `owners` (a Task `requested` for each). */
export function referralBundle(requesterRole: string, owners: readonly string[]): Bundle {
  return { resourceType: 'Bundle', type: 'transaction', entry: owners.flatMap((owner) => referralEntries(requesterRole, owner)) };
}

/** A transaction Bundle in which the owner changes each Task (as stored), with If-Match on its version. */
export function taskUpdateBundle(tasks: readonly Task[], change: Partial<Task>): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: tasks.map((task) => ({
      fullUrl: `Task/${task.id}`,
      resource: { ...task, ...change },
      request: { method: 'PUT', url: `Task/${task.id}`, ifMatch: `W/"${task.meta!.versionId}"` },
    })),
  };
}

/** The Tasks of a transaction-response, as stored (the server answers with each resource by default). */
export function storedTasks(response: Bundle): Task[] {
  return (response.entry ?? []).flatMap((e) => (e.resource?.resourceType === 'Task' ? [e.resource as Task] : []));
}

/** The process step a Task in `accepted` is in (src/workflow/task-transitions.ts). */
export const ACCEPTED_STEP = { coding: [{ system: 'https://brug.example.org/fhir/CodeSystem/brug-processtap', code: 'vraagverheldering-verbinding' }] };

/** The Tasks a transaction-response to `referralBundle` created (as stored, when the response carries them), in order. */
export function createdTasks(request: Bundle, response: Bundle): { id: string; owner: string; stored?: Task }[] {
  const tasks: { id: string; owner: string; stored?: Task }[] = [];
  (request.entry ?? []).forEach((entry, i) => {
    if (entry.resource?.resourceType !== 'Task') return;
    const answer = response.entry?.[i];
    const id = /^Task\/([^/]+)/.exec(answer?.response?.location ?? '')?.[1];
    if (!id) throw new Error(`no Task location in entry ${i}: ${answer?.response?.location}`);
    const stored = answer?.resource?.resourceType === 'Task' ? (answer.resource as Task) : undefined;
    tasks.push({ id, owner: (entry.resource as Task).owner!.reference!.replace('Organization/', ''), ...(stored ? { stored } : {}) });
  });
  return tasks;
}
