import type { JWK } from 'jose';
import type { Role } from '../roles.ts';
import { CBS_MUNICIPALITY_SYSTEM, type OrganizationInput } from './organization-record.ts';
import type { ClientRegistration } from './register-client.ts';
// PUBLIC DEMO KEYS, for development and tests only: their private halves are in this repository, so anyone can sign
// as a demo client. They are never seeded in production (config.demoClients is always 'off' there).
import demoKeys from './demo-keys.json' with { type: 'json' };

interface DemoOrganization extends OrganizationInput {
  readonly id: string;
}

/** Fictional organisations with fixed ids, so examples and scripts can name them. */
export const DEMO_ORGANIZATIONS = {
  practice: { id: 'demo-huisartsenpraktijk', identifier: { system: 'http://fhir.nl/fhir/NamingSystem/agb-z', value: '01999901' }, name: 'Huisartsenpraktijk De Demolinde (demo)' },
  welfare: { id: 'demo-welzijn', identifier: { system: 'http://fhir.nl/fhir/NamingSystem/kvk', value: '99000001' }, name: 'Stichting Welzijn Demostad (demo)' },
  welfare2: { id: 'demo-welzijn-2', identifier: { system: 'http://fhir.nl/fhir/NamingSystem/kvk', value: '99000002' }, name: 'Stichting Buurtwerk Demodorp (demo)' },
  municipality: { id: 'demo-gemeente', identifier: { system: CBS_MUNICIPALITY_SYSTEM, value: 'GM0344' }, name: 'Gemeente Demostad (demo)' },
} satisfies Record<string, DemoOrganization>;

interface DemoClient {
  readonly clientId: keyof typeof demoKeys;
  readonly name: string;
  readonly role: Role;
  readonly organization?: DemoOrganization;
  readonly scopes: string;
}

export const DEMO_CLIENTS: readonly DemoClient[] = [
  { clientId: 'demo-huisarts', name: 'Demo huisarts (HIS)', role: 'first-line', organization: DEMO_ORGANIZATIONS.practice, scopes: 'system/*.cruds' },
  { clientId: 'demo-poh', name: 'Demo praktijkondersteuner (POH)', role: 'first-line', organization: DEMO_ORGANIZATIONS.practice, scopes: 'system/*.cruds' },
  { clientId: 'demo-welzijn', name: 'Demo welzijnsorganisatie', role: 'social-domain', organization: DEMO_ORGANIZATIONS.welfare, scopes: 'system/*.cruds' },
  { clientId: 'demo-welzijn-2', name: 'Demo tweede welzijnsorganisatie', role: 'social-domain', organization: DEMO_ORGANIZATIONS.welfare2, scopes: 'system/*.cruds' },
  { clientId: 'demo-gemeente', name: 'Demo gemeente', role: 'municipality', organization: DEMO_ORGANIZATIONS.municipality, scopes: 'system/*.rs' },
  { clientId: 'demo-admin', name: 'Demo beheerder', role: 'admin', scopes: 'system/*.cruds' },
];

const PRIVATE_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi']);

/** A demo client's private signing key (JWK with kid and alg), or undefined for any other client id. */
export function demoPrivateKey(clientId: string): JWK | undefined {
  return Object.hasOwn(demoKeys, clientId) ? ({ ...demoKeys[clientId as keyof typeof demoKeys] } as JWK) : undefined;
}

function publicKey(clientId: keyof typeof demoKeys): JWK {
  return Object.fromEntries(Object.entries(demoKeys[clientId]).filter(([member]) => !PRIVATE_MEMBERS.has(member))) as JWK;
}

/** The registration of a demo client, as an administrator would send it. */
export function demoRegistration(client: DemoClient): ClientRegistration {
  const { id: _id, ...organization } = client.organization ?? { id: '' };
  return {
    clientId: client.clientId,
    name: client.name,
    role: client.role,
    ...(client.organization ? { organization: organization as OrganizationInput } : {}),
    scopes: client.scopes,
    jwks: { keys: [publicKey(client.clientId)] },
  };
}
