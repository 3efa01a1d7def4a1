import type { Config } from '../../config.ts';
import type { Database } from '../../store/index.ts';
import { AccessTokens } from './access-tokens.ts';
import { loadSigningKey } from './signing-key.ts';

/**
 * The server's access tokens on this database: issuer next to the token endpoint, audience the FHIR base. Tools
 * that share the database (the benchmark) get tokens the server accepts from here.
 */
export async function openAccessTokens(db: Database, config: Config, ttlSeconds = config.accessTokenTtlSeconds): Promise<AccessTokens> {
  return new AccessTokens(await loadSigningKey(db), {
    issuer: config.tokenUrl.replace(/\/token$/, ''),
    audience: config.baseUrl,
    ttlSeconds,
  });
}
