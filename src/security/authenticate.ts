import type { AuthenticateContext } from '../fhir/index.ts';
import type { BrugError } from '../errors.ts';
import type { ClientRegistry } from './clients/client-registry.ts';
import { SecurityErrors } from './errors.ts';
import type { AccessTokens } from './tokens/access-tokens.ts';

/** A per-client request budget: `take` answers how many seconds to wait when the budget is spent. */
export interface RequestLimiter {
  take(key: string): number | undefined;
}

export interface AuthenticateOptions {
  readonly tokens: AccessTokens;
  readonly clients: ClientRegistry;
  /** URL path of the FHIR base ("/fhir"): its CapabilityStatement is public (SMART discovery needs it). */
  readonly fhirPrefix: string;
  readonly limiter?: RequestLimiter;
  /** Told of every refusal before it is thrown, so the audit trail records refused attempts too. */
  readonly onRefused?: (ctx: AuthenticateContext, error: BrugError) => Promise<void>;
}

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="brug"' };

function isPublic(ctx: AuthenticateContext, prefix: string): boolean {
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return false;
  const path = ctx.url.split('?')[0]!.replace(/\/+$/, '');
  return path === `${prefix}/metadata`;
}

function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  return m?.[1];
}

/** The `request.authenticate` hook: every FHIR request but the CapabilityStatement needs a valid access token. */
export function authenticate(options: AuthenticateOptions): (ctx: AuthenticateContext) => Promise<void> {
  return async (ctx) => {
    if (isPublic(ctx, options.fhirPrefix)) return;
    try {
      const token = bearerToken(ctx.headers.authorization);
      if (!token) {
        throw ctx.headers.authorization === undefined
          ? SecurityErrors.noToken([], { headers: CHALLENGE })
          : SecurityErrors.invalidToken(['the Authorization header is not "Bearer <token>"'], { headers: { 'WWW-Authenticate': 'Bearer error="invalid_request"' } });
      }
      const principal = await options.tokens.verify(token);
      const client = await options.clients.getCached(principal.clientId);
      if (!client?.active) throw SecurityErrors.clientInactive([principal.clientId], { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
      const wait = options.limiter?.take(principal.clientId);
      if (wait !== undefined) {
        ctx.principal = principal;
        throw SecurityErrors.rateLimited([principal.clientId, wait], { headers: { 'Retry-After': String(wait) } });
      }
      ctx.principal = principal;
    } catch (err) {
      if (options.onRefused && isRefusal(err)) await options.onRefused(ctx, err);
      throw err;
    }
  };
}

function isRefusal(err: unknown): err is BrugError {
  return err instanceof Error && err.name === 'BrugError';
}
