import type { Engine } from '../../fhir/index.ts';
import type { ClientRegistry, RegisteredClient } from '../clients/client-registry.ts';
import { SecurityErrors } from '../errors.ts';
import { isRole, ROLES, type Role } from '../roles.ts';
import { parseScopes } from '../scopes.ts';
import { checkClientKeys } from './client-keys.ts';
import { RegistrationErrors } from './errors.ts';
import { checkOrganization, recordOrganization, type OrganizationInput } from './organization-record.ts';

/** What an administrator registers (admin API body, CLI options, demo seeding). */
export interface ClientRegistration {
  readonly clientId: string;
  readonly name: string;
  readonly role: string;
  /** Required for every role but admin. */
  readonly organization?: OrganizationInput;
  /** Space-separated SMART system scopes: the most a token for this client may carry. */
  readonly scopes: string;
  /** The client's public keys (JWKS). */
  readonly jwks: unknown;
  /** Left out: a new client is active, a changed one keeps its state (re-enabling is a separate, explicit act). */
  readonly active?: boolean;
}

export interface RegistrationDeps {
  readonly clients: ClientRegistry;
  readonly engine: Engine;
}

export interface RegisterOptions {
  /** create: refuse an id in use; replace: create or overwrite; update: the id must exist. */
  readonly mode: 'create' | 'replace' | 'update';
  /** Id for the Organization when it has to be created (demo organisations have fixed ids). */
  readonly organizationId?: string;
}

export const CLIENT_ID = /^[A-Za-z0-9._-]{1,64}$/;

function checkRole(role: string): Role {
  if (!isRole(role)) throw SecurityErrors.invalidClient([`role must be one of ${ROLES.join(', ')}`], { expression: ['role'] });
  return role;
}

function checkScopes(text: string): string {
  const { scopes, ignored } = parseScopes(text);
  if (ignored.length > 0) throw SecurityErrors.invalidClient([`unknown scopes: ${ignored.join(' ')} (use SMART system scopes such as system/Task.rs)`], { expression: ['scopes'] });
  if (scopes.length === 0) throw SecurityErrors.invalidClient(['scopes is empty'], { expression: ['scopes'] });
  return text.trim().split(/\s+/).join(' ');
}

/** Checks a registration, records its organisation as an Organization resource, and saves the client. */
export async function registerClient(deps: RegistrationDeps, input: ClientRegistration, options: RegisterOptions): Promise<RegisteredClient> {
  if (!CLIENT_ID.test(input.clientId)) throw SecurityErrors.invalidClient(['clientId must be 1 to 64 letters, digits, dots, dashes or underscores'], { expression: ['clientId'] });
  if (input.name.trim() === '') throw SecurityErrors.invalidClient(['name is empty'], { expression: ['name'] });
  const role = checkRole(input.role);
  const scopes = checkScopes(input.scopes);
  const jwks = await checkClientKeys(input.jwks);
  if (!input.organization && role !== 'admin') throw SecurityErrors.invalidClient([`a ${role} client needs its organization`], { expression: ['organization'] });
  if (input.organization) checkOrganization(input.organization, role);
  const existing = await deps.clients.get(input.clientId);
  if (existing && options.mode === 'create') throw RegistrationErrors.clientExists([input.clientId]);
  if (!existing && options.mode === 'update') throw SecurityErrors.unknownClient([input.clientId]);
  const organization = input.organization ? await recordOrganization(deps.engine, input.organization, role, options.organizationId) : undefined;
  return deps.clients.save({ clientId: input.clientId, name: input.name.trim(), role, organization, scopes, jwks, active: input.active ?? existing?.active ?? true });
}

/** A client as the admin API and the CLI show it: public keys only, nothing secret. */
export function clientView(client: RegisteredClient): Record<string, unknown> {
  return {
    clientId: client.clientId,
    name: client.name,
    role: client.role,
    ...(client.organization ? { organization: { reference: client.organization.reference } } : {}),
    scopes: client.scopes,
    jwks: client.jwks,
    active: client.active,
    createdAt: client.createdAt,
    updatedAt: client.updatedAt,
  };
}
