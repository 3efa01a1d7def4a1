import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthenticateContext } from '../../fhir/index.ts';
import type { AuditTrail } from '../audit/index.ts';
import { authenticate } from '../authenticate.ts';
import type { ClientRegistry } from '../clients/client-registry.ts';
import { SecurityErrors } from '../errors.ts';
import { ROLES } from '../roles.ts';
import type { AccessTokens } from '../tokens/access-tokens.ts';
import { RegistrationErrors } from './errors.ts';
import { clientView, registerClient, type ClientRegistration, type RegistrationDeps } from './register-client.ts';

export interface AdminRouteDeps extends RegistrationDeps {
  readonly tokens: AccessTokens;
  readonly clients: ClientRegistry;
  readonly audit: AuditTrail;
  readonly fhirPrefix: string;
}

const registrationBody = {
  type: 'object',
  required: ['name', 'role', 'scopes', 'jwks'],
  additionalProperties: false,
  properties: {
    clientId: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    role: { type: 'string', enum: [...ROLES] },
    organization: {
      type: 'object',
      required: ['identifier', 'name'],
      additionalProperties: false,
      properties: {
        identifier: {
          type: 'object',
          required: ['system', 'value'],
          additionalProperties: false,
          properties: { system: { type: 'string', maxLength: 200 }, value: { type: 'string', maxLength: 64 } },
        },
        name: { type: 'string', minLength: 1, maxLength: 200 },
      },
    },
    scopes: { type: 'string', minLength: 1, maxLength: 2000 },
    jwks: {
      type: 'object',
      required: ['keys'],
      properties: { keys: { type: 'array', minItems: 1, maxItems: 10, items: { type: 'object' } } },
    },
    active: { type: 'boolean' },
  },
} as const;

// The response lists only public key members: even a key stored with more never leaves with it.
const publicJwk = {
  type: 'object',
  properties: Object.fromEntries(['kty', 'kid', 'alg', 'use', 'n', 'e', 'crv', 'x', 'y'].map((m) => [m, { type: 'string' }])),
};

const clientResponse = {
  type: 'object',
  properties: {
    clientId: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    organization: { type: 'object', properties: { reference: { type: 'string' } } },
    scopes: { type: 'string' },
    jwks: { type: 'object', properties: { keys: { type: 'array', items: publicJwk } } },
    active: { type: 'boolean' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
};

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' } } } as const;

/** Bearer token of an active client whose role is admin; 401 without a valid token, 403 for any other role. */
function requireAdmin(deps: AdminRouteDeps): (request: FastifyRequest) => Promise<void> {
  const check = authenticate({ tokens: deps.tokens, clients: deps.clients, fhirPrefix: deps.fhirPrefix, onRefused: (ctx, err) => deps.audit.recordRefusal(ctx, err) });
  return async (request) => {
    const ctx: AuthenticateContext = { method: request.method, url: request.url, headers: request.headers, ip: request.ip, log: request.log };
    await check(ctx);
    if (ctx.principal?.role !== 'admin') {
      const refusal = SecurityErrors.adminOnly();
      await deps.audit.recordRefusal(ctx, refusal);
      throw refusal;
    }
    request.principal = ctx.principal;
  };
}

type Registration = Omit<ClientRegistration, 'clientId'> & { clientId?: string };

/** `/admin/clients`: register, list, change and disable backend clients (administrators only). */
export async function registerAdminRoutes(app: FastifyInstance, deps: AdminRouteDeps): Promise<void> {
  await app.register(
    async (admin) => {
      // onRequest: a caller without a valid admin token is refused before its body is even read.
      admin.addHook('onRequest', requireAdmin(deps));

      admin.get('/clients', { schema: { response: { 200: { type: 'object', properties: { clients: { type: 'array', items: clientResponse } } } } } }, async () => ({
        clients: (await deps.clients.list()).map(clientView),
      }));

      admin.post<{ Body: Registration }>('/clients', { schema: { body: { ...registrationBody, required: ['clientId', ...registrationBody.required] }, response: { 201: clientResponse } } }, async (request, reply) => {
        const body = request.body;
        const client = await registerClient(deps, { ...body, clientId: body.clientId! }, { mode: 'create' });
        return reply.code(201).header('Location', `/admin/clients/${client.clientId}`).send(clientView(client));
      });

      admin.get<{ Params: { id: string } }>('/clients/:id', { schema: { params: idParams, response: { 200: clientResponse } } }, async (request) => {
        const client = await deps.clients.get(request.params.id);
        if (!client) throw SecurityErrors.unknownClient([request.params.id]);
        return clientView(client);
      });

      admin.put<{ Params: { id: string }; Body: Registration }>('/clients/:id', { schema: { params: idParams, body: registrationBody, response: { 200: clientResponse } } }, async (request) => {
        const { id } = request.params;
        if (request.body.clientId !== undefined && request.body.clientId !== id) throw RegistrationErrors.clientIdMismatch([request.body.clientId, id]);
        return clientView(await registerClient(deps, { ...request.body, clientId: id }, { mode: 'update' }));
      });

      // A client is disabled, never deleted: the audit trail keeps naming it.
      admin.delete<{ Params: { id: string } }>('/clients/:id', { schema: { params: idParams, response: { 200: clientResponse } } }, async (request) => {
        const { id } = request.params;
        if (!(await deps.clients.setActive(id, false))) throw SecurityErrors.unknownClient([id]);
        return clientView((await deps.clients.get(id))!);
      });
    },
    { prefix: '/admin' },
  );
}
