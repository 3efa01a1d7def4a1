import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { Principal } from '../../fhir/index.ts';
import { SecurityErrors } from '../errors.ts';
import type { ActingProfessional, OrganizationRef } from '../principal.ts';
import { isRole, type Role } from '../roles.ts';
import { formatScopes, parseScopes, type SmartScope } from '../scopes.ts';
import { ACCESS_TOKEN_ALG, type SigningKey } from './signing-key.ts';
import { VerifiedTokenCache } from './verified-token-cache.ts';

export interface TokenSubject {
  readonly clientId: string;
  readonly role: Role;
  readonly organization?: OrganizationRef;
  readonly scopes: readonly SmartScope[];
  readonly practitioner?: ActingProfessional;
}

export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly scope: string;
  readonly tokenId: string;
}

interface BrugClaims extends JWTPayload {
  scope?: unknown;
  brug_role?: unknown;
  brug_organization?: unknown;
  brug_practitioner?: unknown;
}

export interface AccessTokenOptions {
  /** `iss` of the tokens: the authorization server. */
  readonly issuer: string;
  /** `aud` of the tokens: the FHIR base URL they are for. */
  readonly audience: string;
  readonly ttlSeconds: number;
  /** Verified tokens remembered until they expire (0: none). */
  readonly cacheSize?: number;
}

// About 2 MB at most: far more tokens than clients are expected to hold at once, each alive for minutes.
const DEFAULT_CACHE_SIZE = 10_000;

/** Short-lived JWT access tokens that this server signs and checks on every request. */
export class AccessTokens {
  private readonly key: SigningKey;
  private readonly options: AccessTokenOptions;
  private readonly keySet: ReturnType<typeof createLocalJWKSet>;
  private readonly verified: VerifiedTokenCache;

  constructor(key: SigningKey, options: AccessTokenOptions) {
    this.key = key;
    this.options = options;
    this.keySet = createLocalJWKSet({ keys: [key.publicJwk] });
    this.verified = new VerifiedTokenCache(options.cacheSize ?? DEFAULT_CACHE_SIZE);
  }

  /** The public key set, for `jwks_uri`: resource servers elsewhere can check Brug's tokens. */
  publicKeys(): { keys: object[] } {
    return { keys: [this.key.publicJwk] };
  }

  async issue(subject: TokenSubject): Promise<IssuedToken> {
    const tokenId = randomUUID();
    const scope = formatScopes(subject.scopes);
    const claims: BrugClaims = { scope, brug_role: subject.role };
    if (subject.organization) claims.brug_organization = subject.organization.reference;
    if (subject.practitioner) claims.brug_practitioner = `${subject.practitioner.system}|${subject.practitioner.value}`;
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, kid: this.key.kid, typ: 'at+jwt' })
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setSubject(subject.clientId)
      .setJti(tokenId)
      .setIssuedAt()
      .setExpirationTime(`${this.options.ttlSeconds}s`)
      .sign(this.key.privateKey);
    return { accessToken, expiresIn: this.options.ttlSeconds, scope, tokenId };
  }

  /** The caller a token names, or `invalidToken` saying why not (expired, wrong signature, wrong audience…). */
  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known) return known;
    const { principal, expiresAtMs } = await this.check(token);
    this.verified.set(token, principal, expiresAtMs);
    return principal;
  }

  private async check(token: string): Promise<{ principal: Principal; expiresAtMs: number }> {
    let payload: BrugClaims;
    try {
      ({ payload } = await jwtVerify<BrugClaims>(token, this.keySet, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: [ACCESS_TOKEN_ALG],
        typ: 'at+jwt',
        requiredClaims: ['sub', 'exp', 'jti'],
      }));
    } catch (err) {
      throw SecurityErrors.invalidToken([describeJoseError(err)], { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
    }
    const role = payload.brug_role;
    if (!isRole(role) || typeof payload.scope !== 'string') {
      throw SecurityErrors.invalidToken(['it lacks Brug claims'], { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
    }
    const organization = typeof payload.brug_organization === 'string' ? organizationRef(payload.brug_organization) : undefined;
    const practitioner = typeof payload.brug_practitioner === 'string' ? professional(payload.brug_practitioner) : undefined;
    const principal: Principal = { clientId: payload.sub!, role, organization, scopes: parseScopes(payload.scope).scopes, practitioner, tokenId: payload.jti! };
    return { principal, expiresAtMs: payload.exp! * 1000 };
  }
}

function organizationRef(reference: string): OrganizationRef | undefined {
  const m = /^Organization\/([A-Za-z0-9\-.]{1,64})$/.exec(reference);
  return m ? { id: m[1]!, reference } : undefined;
}

function professional(token: string): ActingProfessional | undefined {
  const bar = token.indexOf('|');
  return bar > 0 ? { system: token.slice(0, bar), value: token.slice(bar + 1) } : undefined;
}

function describeJoseError(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'it has expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `claim ${err.claim} is not as expected`;
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'its signature does not verify';
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'its algorithm is not accepted';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'it is not signed by this server';
  return 'it is not a JWT this server issued';
}
