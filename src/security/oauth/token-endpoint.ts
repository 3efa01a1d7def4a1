// https://hl7.org/fhir/smart-app-launch/backend-services.html#obtaining-an-access-token
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BrugError } from '../../errors.ts';
import type { AuditTrail } from '../audit/index.ts';
import type { ClientRegistry } from '../clients/client-registry.ts';
import { grantScopes, parseScopes } from '../scopes.ts';
import type { AccessTokens } from '../tokens/access-tokens.ts';
import type { AssertionIds } from './assertion-ids.ts';
import { claimedClientId, verifyClientAssertion } from './client-assertion.ts';
import { OAUTH_ERROR_CODES, OAuthErrors } from './errors.ts';
import { checkGrantType, JWT_BEARER_ASSERTION, parseTokenRequest, truncate, type TokenRequestParams } from './token-request.ts';

export interface TokenEndpointDeps {
  readonly tokens: AccessTokens;
  readonly clients: ClientRegistry;
  readonly audit: AuditTrail;
  readonly ids: AssertionIds;
  readonly tokenUrl: string;
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

async function grant(params: TokenRequestParams, deps: TokenEndpointDeps, request: FastifyRequest): Promise<object> {
  checkGrantType(params);
  if (params.clientAssertionType !== JWT_BEARER_ASSERTION) {
    throw OAuthErrors.invalidClient([`client_assertion_type must be ${JWT_BEARER_ASSERTION} (private_key_jwt)`]);
  }
  if (!params.clientAssertion) throw OAuthErrors.invalidClient(['client_assertion is missing']);
  const { client, practitioner } = await verifyClientAssertion(params.clientAssertion, deps);
  if (!params.scope || params.scope.trim() === '') throw OAuthErrors.invalidRequest(['scope is missing: ask for system scopes, e.g. system/*.rs']);
  const granted = grantScopes(parseScopes(params.scope).scopes, parseScopes(client.scopes).scopes);
  if (granted.length === 0) throw OAuthErrors.invalidScope([`none of the requested scopes is registered for client ${client.clientId}`]);
  const issued = await deps.tokens.issue({ clientId: client.clientId, role: client.role, organization: client.organization, scopes: granted, practitioner });
  await deps.audit.recordTokenRequest({
    clientId: client.clientId,
    ip: request.ip,
    outcome: 'granted',
    scope: issued.scope,
    organization: client.organization,
    practitioner,
  });
  return { access_token: issued.accessToken, token_type: 'bearer', expires_in: issued.expiresIn, scope: issued.scope };
}

/** RFC 6749 §5.2 allows only these characters in error_description. */
function oauthText(text: string): string {
  return text.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '?');
}

/**
 * The token endpoint answers errors in OAuth's format (RFC 6749 §5.2), not as an OperationOutcome: OAuth clients
 * read `error`. Every refusal is 400, including `invalid_client`: §5.2 requires 401 only when the client
 * authenticated with the Authorization header, and a 401 must carry a WWW-Authenticate scheme, which private_key_jwt
 * (credentials in the form body) does not have. Faults stay 500 with no detail. Every refusal is audited, also
 * those Fastify makes before the handler runs (body too large, unreadable body).
 */
function tokenErrorHandler(deps: TokenEndpointDeps, seen: WeakMap<FastifyRequest, TokenRequestParams>) {
  return async (err: FastifyError | BrugError, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const oauthCode = err instanceof BrugError ? OAUTH_ERROR_CODES[err.code] : undefined;
    const clientError = oauthCode !== undefined || err instanceof BrugError || (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500);
    if (!clientError) {
      request.log.error({ err }, 'token request failed');
      return reply.code(500).headers(NO_STORE).send({ error: 'server_error', error_description: 'The server could not handle the token request' });
    }
    const error = oauthCode ?? 'invalid_request';
    const description = oauthText(oauthCode ? err.message : 'The token request is malformed');
    const params = seen.get(request);
    request.log.info({ error }, 'token request refused');
    await deps.audit.recordTokenRequest({
      clientId: claimedClientId(params?.clientAssertion),
      ip: request.ip,
      outcome: 'refused',
      reason: `${error}: ${description}`,
      scope: params?.scope === undefined ? undefined : truncate(params.scope, 500),
    });
    return reply.code(400).headers(NO_STORE).send({ error, error_description: description });
  };
}

/** `POST /auth/token`: a client_credentials grant for a client that signs a JWT assertion (private_key_jwt). */
export async function registerTokenEndpoint(app: FastifyInstance, path: string, deps: TokenEndpointDeps): Promise<void> {
  const seen = new WeakMap<FastifyRequest, TokenRequestParams>();
  await app.register(async (scope) => {
    scope.setErrorHandler(tokenErrorHandler(deps, seen));
    // Any other media type reaches the handler, which refuses it as invalid_request (rather than a bare 415).
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) {
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    }
    scope.post(path, async (request, reply) => {
      const params = parseTokenRequest(request.headers['content-type'], request.body);
      seen.set(request, params);
      const body = await grant(params, deps, request);
      return reply.headers(NO_STORE).send(body);
    });
  });
}
