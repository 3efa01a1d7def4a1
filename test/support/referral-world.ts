import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/security/index.ts';
import { FHIR_JSON } from './app.ts';
import { tokenFor } from './security.ts';

/** The clients of the access matrix: the demo clients and an auditor registered here. */
export const CLIENTS = ['demo-huisarts', 'demo-poh', 'demo-welzijn', 'demo-welzijn-2', 'demo-gemeente', 'test-auditor', 'demo-admin'] as const;
export type ClientId = (typeof CLIENTS)[number];

/** Another practice, for the conditional-request cases: it shares no referral with anyone. */
export const OTHER_PRACTICE = 'test-praktijk-2';

/** How a client is registered when the demo seeding has not registered it (organisation ids chosen here). */
const REGISTRATIONS: Record<ClientId | typeof OTHER_PRACTICE, { role: Role; organization?: string }> = {
  'demo-huisarts': { role: 'first-line', organization: 'demo-praktijk' },
  'demo-poh': { role: 'first-line', organization: 'demo-praktijk' },
  'demo-welzijn': { role: 'social-domain', organization: 'demo-welzijn' },
  'demo-welzijn-2': { role: 'social-domain', organization: 'demo-welzijn-2' },
  'demo-gemeente': { role: 'municipality', organization: 'demo-gemeente' },
  'test-auditor': { role: 'auditor', organization: 'test-toezicht' },
  'demo-admin': { role: 'admin' },
  'test-praktijk-2': { role: 'first-line', organization: 'test-praktijk-2' },
};

export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Requests as one registered client, with a fresh access token every minute (tokens live five minutes). */
export class Caller {
  private token?: { value: string; at: number };
  private readonly app: FastifyInstance;
  readonly clientId: string;

  constructor(app: FastifyInstance, clientId: string) {
    this.app = app;
    this.clientId = clientId;
  }

  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    if (!this.token || Date.now() - this.token.at > 60_000) this.token = { value: await tokenFor(this.app, this.clientId), at: Date.now() };
    const res = await this.app.inject({
      method,
      url: `/fhir/${url}`,
      headers: { authorization: `Bearer ${this.token.value}`, accept: FHIR_JSON, ...(body ? { 'content-type': FHIR_JSON } : {}), ...headers },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
  }

  get(url: string): Promise<Reply> {
    return this.request('GET', url);
  }

  /** Creates and returns the new id; fails the test when the server refuses. */
  async create(resource: Resource): Promise<string> {
    const res = await this.request('POST', resource.resourceType, resource);
    if (res.status !== 201) throw new Error(`${this.clientId} could not create ${resource.resourceType}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }
}

/** Registers the clients the demo seeding has not (yet) registered, and gives their organisation ids. */
export async function ensureClients(app: FastifyInstance): Promise<Record<ClientId | typeof OTHER_PRACTICE, string | undefined>> {
  const organizations = {} as Record<ClientId | typeof OTHER_PRACTICE, string | undefined>;
  for (const [clientId, registration] of Object.entries(REGISTRATIONS) as [ClientId, (typeof REGISTRATIONS)[ClientId]][]) {
    let client = await app.security.clients.get(clientId);
    if (!client) {
      client = await app.security.clients.save({
        clientId,
        name: clientId,
        role: registration.role,
        ...(registration.organization ? { organization: { id: registration.organization, reference: `Organization/${registration.organization}` } } : {}),
        scopes: 'system/*.cruds',
        jwks: { keys: [] },
        active: true,
      });
    }
    organizations[clientId] = client.organization?.id;
  }
  return organizations;
}

const EXAMPLES = path.join(__dirname, '../../profiles/package/example');

/** A profile example as a new resource: without its id, with its example references swapped for `references`. */
export function example<T extends Resource>(name: string, references: Record<string, string> = {}): T {
  let text = readFileSync(path.join(EXAMPLES, `${name}.json`), 'utf8');
  for (const [from, to] of Object.entries(references)) text = text.split(`"reference": "${from}"`).join(`"reference": "${to}"`);
  const resource = JSON.parse(text) as T;
  delete resource.id;
  return resource;
}
