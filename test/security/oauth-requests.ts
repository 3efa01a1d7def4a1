// Token requests as a client sends them, for the OAuth suites: real signed assertions over HTTP (app.inject).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { demoPrivateKey } from '../../src/security/oauth/index.ts';

export const FORM = 'application/x-www-form-urlencoded';
export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export function demoKey(clientId: string): JWK {
  const key = demoPrivateKey(clientId);
  if (!key) throw new Error(`no demo key for ${clientId}`);
  return key;
}

export interface AssertionOptions {
  key?: JWK;
  /** Claims to set or, with undefined, to leave out. */
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
}

/** A client assertion for `clientId`, valid unless options change it. */
export async function assertionFor(app: FastifyInstance, clientId: string, options: AssertionOptions = {}): Promise<string> {
  const key = options.key ?? demoKey(clientId);
  const now = Math.floor(Date.now() / 1000);
  const base: Record<string, unknown> = { iss: clientId, sub: clientId, aud: app.oauth.tokenUrl, exp: now + 240, jti: randomUUID() };
  const claims = Object.fromEntries(Object.entries({ ...base, ...options.claims }).filter(([, v]) => v !== undefined));
  return new SignJWT(claims as JWTPayload)
    .setProtectedHeader({ alg: key.alg!, kid: key.kid!, typ: 'JWT', ...options.header })
    .sign(await importJWK(key, key.alg!));
}

/** A JWT with `alg: none` and no signature: what an attacker tries first. */
export function unsignedJwt(claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT', ...header })}.${part(claims)}.`;
}

/** A key pair nobody registered, with the kid of a registered one if asked. */
export async function strangerKey(alg: 'RS384' | 'ES384', kid = `stranger-${randomUUID()}`): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const pair = await generateKeyPair(alg, { extractable: true });
  return {
    privateJwk: { ...(await exportJWK(pair.privateKey)), alg, kid },
    publicJwk: { ...(await exportJWK(pair.publicKey)), alg, kid, use: 'sig' },
  };
}

export function tokenRequest(app: FastifyInstance, fields: Record<string, string>, contentType = FORM) {
  return app.inject({ method: 'POST', url: '/auth/token', headers: { 'content-type': contentType }, payload: new URLSearchParams(fields).toString() });
}

/** POSTs a client_credentials request with the given assertion. */
export function requestToken(app: FastifyInstance, assertion: string, scope = 'system/*.cruds') {
  return tokenRequest(app, { grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: assertion, scope });
}

/** An access token from the token endpoint, as a client gets it. */
export async function accessTokenFor(app: FastifyInstance, clientId: string, scope = 'system/*.cruds', key?: JWK): Promise<string> {
  const res = await requestToken(app, await assertionFor(app, clientId, { key }), scope);
  if (res.statusCode !== 200) throw new Error(`token for ${clientId} refused: ${res.body}`);
  return res.json().access_token as string;
}
