import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Database } from '../../store/index.ts';

export const ACCESS_TOKEN_ALG = 'ES256';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

// Instances starting at once on one PostgreSQL must agree on one key.
const KEY_LOCK = 724_310_101;

/** The server's access-token key: the newest in the database, or a new ES256 key pair when there is none. */
export async function loadSigningKey(db: Database): Promise<SigningKey> {
  const stored = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [KEY_LOCK]);
    const rows = await tx.query<{ kid: string; private_jwk: JWK | string }>(
      'SELECT kid, private_jwk FROM security_signing_keys ORDER BY created_at DESC LIMIT 1',
    );
    const row = rows.rows[0];
    if (row) return { kid: row.kid, jwk: typeof row.private_jwk === 'string' ? (JSON.parse(row.private_jwk) as JWK) : row.private_jwk };
    const pair = await generateKeyPair(ACCESS_TOKEN_ALG, { extractable: true });
    const jwk = await exportJWK(pair.privateKey);
    const kid = await calculateJwkThumbprint(jwk);
    await tx.query('INSERT INTO security_signing_keys (kid, private_jwk) VALUES ($1, $2::jsonb)', [kid, JSON.stringify(jwk)]);
    return { kid, jwk };
  });
  const privateKey = (await importJWK({ ...stored.jwk, alg: ACCESS_TOKEN_ALG }, ACCESS_TOKEN_ALG)) as CryptoKey;
  const { d: _private, ...publicJwk } = stored.jwk;
  return { kid: stored.kid, privateKey, publicJwk: { ...publicJwk, kid: stored.kid, alg: ACCESS_TOKEN_ALG, use: 'sig' } };
}
