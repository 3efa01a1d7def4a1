// The client's side of https://hl7.org/fhir/smart-app-launch/client-confidential-asymmetric.html: for the token script
// and tests. A real client does this in its own software with its own key.
import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type JWK } from 'jose';
import { PRACTITIONER_CLAIM } from './practitioner-claim.ts';

export interface AssertionRequest {
  readonly clientId: string;
  /** The private key (JWK with kid and alg RS384 or ES384). */
  readonly privateJwk: JWK;
  /** The token endpoint: the assertion's audience. */
  readonly tokenUrl: string;
  /** Seconds until it expires; SMART allows at most 300. */
  readonly lifetimeSeconds?: number;
  /** The acting professional, "system|number". */
  readonly practitioner?: string;
}

/** A client assertion (RFC 7523 JWT) signed with the client's private key. */
export async function signClientAssertion(request: AssertionRequest): Promise<string> {
  const { privateJwk } = request;
  if (!privateJwk.alg || !privateJwk.kid) throw new Error('the private key needs alg and kid');
  const key = await importJWK(privateJwk, privateJwk.alg);
  const claims = request.practitioner ? { [PRACTITIONER_CLAIM]: request.practitioner } : {};
  return new SignJWT(claims)
    .setProtectedHeader({ alg: privateJwk.alg, kid: privateJwk.kid, typ: 'JWT' })
    .setIssuer(request.clientId)
    .setSubject(request.clientId)
    .setAudience(request.tokenUrl)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${request.lifetimeSeconds ?? 240}s`)
    .sign(key);
}
