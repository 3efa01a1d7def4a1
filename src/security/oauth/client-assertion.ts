// https://hl7.org/fhir/smart-app-launch/client-confidential-asymmetric.html#authenticating-to-the-token-endpoint
// (RFC 7523 §3): the client proves who it is with a JWT signed by a key it registered. jose checks the signature.
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { ClientRegistry, RegisteredClient } from '../clients/client-registry.ts';
import type { ActingProfessional } from '../principal.ts';
import type { AssertionIds } from './assertion-ids.ts';
import { OAuthErrors } from './errors.ts';
import { parsePractitionerClaim, PRACTITIONER_CLAIM } from './practitioner-claim.ts';
import { truncate } from './token-request.ts';

/** The algorithms SMART requires servers to support; everything else (`none`, HS*, RS256…) is refused. */
export const ASSERTION_ALGORITHMS: readonly string[] = ['RS384', 'ES384'];

/** SMART: `exp` no more than five minutes in the future. */
export const MAX_ASSERTION_LIFETIME_SECONDS = 300;

// Clocks of client and server differ a little; this much is forgiven on exp, nbf and iat.
const CLOCK_SKEW_SECONDS = 30;

export interface AssertionContext {
  readonly clients: ClientRegistry;
  readonly ids: AssertionIds;
  /** The only `aud` accepted: this server's token endpoint. */
  readonly tokenUrl: string;
}

export interface VerifiedAssertion {
  readonly client: RegisteredClient;
  readonly practitioner?: ActingProfessional;
}

/** The client id an assertion claims (unverified), for the audit trail of a refused request. */
export function claimedClientId(assertion: string | undefined): string | undefined {
  if (!assertion) return undefined;
  try {
    const iss = decodeJwt(assertion).iss;
    return typeof iss === 'string' && iss.length <= 128 ? iss : undefined;
  } catch {
    return undefined;
  }
}

function checkHeader(assertion: string): void {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    throw OAuthErrors.invalidClient(['client_assertion is not a signed JWT']);
  }
  if (typeof header.alg !== 'string' || !ASSERTION_ALGORITHMS.includes(header.alg)) {
    throw OAuthErrors.invalidClient([`client_assertion alg ${truncate(String(header.alg))} is not accepted; use ${ASSERTION_ALGORITHMS.join(' or ')}`]);
  }
  // The key is chosen by kid from the registered set; a jku or jwk in the header is never followed or trusted.
  if (typeof header.kid !== 'string' || header.kid === '') throw OAuthErrors.invalidClient(['client_assertion has no kid header']);
}

function claimedIssuer(assertion: string): string {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(assertion);
  } catch {
    throw OAuthErrors.invalidClient(['client_assertion is not a JWT']);
  }
  if (typeof claims.iss !== 'string' || claims.iss === '') throw OAuthErrors.invalidClient(['client_assertion has no iss']);
  if (claims.sub !== claims.iss) throw OAuthErrors.invalidClient(['client_assertion iss and sub must both be the client id']);
  return claims.iss;
}

function describe(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'client_assertion has expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `client_assertion claim ${err.claim} is missing or not as expected`;
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'client_assertion kid names no key registered for this client';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'client_assertion signature does not verify';
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'client_assertion algorithm is not accepted';
  return 'client_assertion cannot be verified';
}

async function verifySignature(assertion: string, client: RegisteredClient, tokenUrl: string): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(assertion, createLocalJWKSet(client.jwks), {
      algorithms: [...ASSERTION_ALGORITHMS],
      issuer: client.clientId,
      subject: client.clientId,
      audience: tokenUrl,
      requiredClaims: ['exp', 'jti'],
      clockTolerance: CLOCK_SKEW_SECONDS,
    });
    return payload;
  } catch (err) {
    throw OAuthErrors.invalidClient([describe(err)]);
  }
}

/**
 * Checks a client assertion: algorithm, registered and active client, signature by one of its keys, `aud`, `exp`
 * within five minutes, and a `jti` not seen before. Any failure is `invalid_client`.
 */
export async function verifyClientAssertion(assertion: string, context: AssertionContext): Promise<VerifiedAssertion> {
  checkHeader(assertion);
  const clientId = claimedIssuer(assertion);
  // Not the cached lookup: a client disabled a moment ago gets no new token.
  const client = await context.clients.get(clientId);
  if (!client || !client.active) throw OAuthErrors.invalidClient([`client ${truncate(clientId)} is not registered or is disabled`]);
  const payload = await verifySignature(assertion, client, context.tokenUrl);
  const exp = payload.exp!;
  if (exp - Date.now() / 1000 > MAX_ASSERTION_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) {
    throw OAuthErrors.invalidClient([`client_assertion exp is more than ${MAX_ASSERTION_LIFETIME_SECONDS / 60} minutes ahead`]);
  }
  const jti = payload.jti;
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > 255) throw OAuthErrors.invalidClient(['client_assertion jti must be a string of 1 to 255 characters']);
  const practitioner = parsePractitionerClaim(payload[PRACTITIONER_CLAIM]);
  const fresh = await context.ids.claim(client.clientId, jti, new Date((exp + CLOCK_SKEW_SECONDS) * 1000));
  if (!fresh) throw OAuthErrors.invalidClient(['client_assertion jti has been used before']);
  return { client, practitioner };
}
