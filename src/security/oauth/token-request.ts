// https://hl7.org/fhir/smart-app-launch/backend-services.html#request-an-access-token (form parameters, RFC 6749 §3.2)
import { OAuthErrors } from './errors.ts';

export const CLIENT_CREDENTIALS = 'client_credentials';
export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface TokenRequestParams {
  readonly grantType?: string;
  readonly clientAssertionType?: string;
  readonly clientAssertion?: string;
  readonly scope?: string;
}

const FORM = /^application\/x-www-form-urlencoded\s*(;.*)?$/i;

/** The form fields, whether the app's parser left the body as text or made it an object. */
function formFields(body: unknown): [string, string][] {
  if (typeof body === 'string') return [...new URLSearchParams(body).entries()];
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    return Object.entries(body as Record<string, unknown>).flatMap(([k, v]) =>
      Array.isArray(v) ? v.map((x): [string, string] => [k, String(x)]) : [[k, typeof v === 'string' ? v : JSON.stringify(v)]],
    );
  }
  return [];
}

/** The token request's parameters; anything that is not a well-formed form request is `invalid_request`. */
export function parseTokenRequest(contentType: string | undefined, body: unknown): TokenRequestParams {
  if (!contentType || !FORM.test(contentType)) {
    throw OAuthErrors.invalidRequest(['The token request must be sent as application/x-www-form-urlencoded']);
  }
  const fields = new Map<string, string>();
  for (const [name, value] of formFields(body)) {
    // RFC 6749 §3.2: a parameter sent twice makes the request ambiguous.
    if (fields.has(name)) throw OAuthErrors.invalidRequest([`The parameter ${truncate(name)} is repeated`]);
    fields.set(name, value);
  }
  return {
    grantType: fields.get('grant_type'),
    clientAssertionType: fields.get('client_assertion_type'),
    clientAssertion: fields.get('client_assertion'),
    scope: fields.get('scope'),
  };
}

/** Backend services use one grant: client_credentials. */
export function checkGrantType(params: TokenRequestParams): void {
  if (!params.grantType) throw OAuthErrors.invalidRequest(['grant_type is missing']);
  if (params.grantType !== CLIENT_CREDENTIALS) {
    throw OAuthErrors.unsupportedGrantType([`grant_type ${truncate(params.grantType)} is not supported; use ${CLIENT_CREDENTIALS}`]);
  }
}

/** Echoes of client input in error descriptions stay short. */
export function truncate(text: string, max = 80): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > max ? `${printable.slice(0, max)}...` : printable;
}
