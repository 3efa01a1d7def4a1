// The client side of SMART Backend Services, shared by the development commands (token, scenario, sociale kaart
// import): find the token endpoint, sign a client assertion with the client's private key, and exchange it.
import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { demoPrivateKey } from '../src/security/oauth/demo-clients.ts';
import { signClientAssertion } from '../src/security/oauth/sign-client-assertion.ts';

/** The token endpoint a FHIR base advertises in its `.well-known/smart-configuration`. */
export async function discoverTokenEndpoint(base: string): Promise<string> {
  const url = `${base.replace(/\/+$/, '')}/.well-known/smart-configuration`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (err) {
    throw new Error(`cannot reach ${url} (${String((err as Error).cause ?? (err as Error).message)}); is Brug running?`);
  }
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  const config = (await res.json()) as { token_endpoint?: unknown };
  if (typeof config.token_endpoint !== 'string') throw new Error(`${url} names no token_endpoint`);
  return config.token_endpoint;
}

export interface TokenRequest {
  readonly clientId: string;
  readonly privateJwk: JWK;
  readonly tokenUrl: string;
  readonly scope?: string;
  /** The acting professional, `system|number`. */
  readonly practitioner?: string;
}

/** An access token for the client, or an error that carries the server's OAuth error and description. */
export async function requestAccessToken(request: TokenRequest): Promise<string> {
  const assertion = await signClientAssertion({
    clientId: request.clientId,
    privateJwk: request.privateJwk,
    tokenUrl: request.tokenUrl,
    practitioner: request.practitioner,
  });
  const res = await fetch(request.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope: request.scope ?? 'system/*.cruds',
    }),
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; error?: string; error_description?: string };
  if (!res.ok || !body.access_token) {
    throw new Error(`token for ${request.clientId} refused (${res.status}): ${body.error ?? 'unknown error'}${body.error_description ? `: ${body.error_description}` : ''}`);
  }
  return body.access_token;
}

/**
 * A token for a command-line tool acting as `clientId`: signed with the key in `keyFile`, or with the demo key of a
 * demo client. Throws `refuse(message)` when there is no key or the server refuses, so the tool exits as for bad usage.
 */
export async function commandLineToken(base: string, clientId: string, keyFile: string | undefined, refuse: (message: string) => Error): Promise<string> {
  const key = keyFile ? (JSON.parse(readFileSync(keyFile, 'utf8')) as JWK) : demoPrivateKey(clientId);
  if (!key) throw refuse(`${clientId} is not a demo client; give its private key with --key <file> or a token with --token`);
  try {
    return await requestAccessToken({ clientId, privateJwk: key, tokenUrl: await discoverTokenEndpoint(base) });
  } catch (err) {
    throw refuse((err as Error).message);
  }
}
