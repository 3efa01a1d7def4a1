import { importJWK, type JWK, type JSONWebKeySet } from 'jose';
import { SecurityErrors } from '../errors.ts';
import { ASSERTION_ALGORITHMS } from './client-assertion.ts';

// Members that only a private (or symmetric) key has: a registration carrying any of them leaked a secret.
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

// What is kept of each registered key: its public parts, nothing else.
const PUBLIC_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  RSA: ['kty', 'kid', 'alg', 'use', 'key_ops', 'n', 'e'],
  EC: ['kty', 'kid', 'alg', 'use', 'key_ops', 'crv', 'x', 'y'],
};

const KEY_TYPE: Readonly<Record<string, string>> = { RS384: 'RSA', ES384: 'EC' };

// 2048 bits of modulus is 342 base64url characters.
const MIN_RSA_MODULUS_CHARS = 342;

function refuse(index: number, reason: string): never {
  throw SecurityErrors.invalidClient([`jwks.keys[${index}] ${reason}`], { expression: [`jwks.keys[${index}]`] });
}

async function checkKey(raw: unknown, index: number): Promise<JWK> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) refuse(index, 'is not a JSON Web Key object');
  const key = raw as Record<string, unknown>;
  const secret = PRIVATE_MEMBERS.filter((m) => m in key);
  if (secret.length > 0) refuse(index, `holds private key material (${secret.join(', ')}): register the public key only, and treat this private key as compromised`);
  if (typeof key.kid !== 'string' || key.kid.length === 0 || key.kid.length > 128) refuse(index, 'needs a kid (1 to 128 characters)');
  const alg = key.alg;
  if (typeof alg !== 'string' || !ASSERTION_ALGORITHMS.includes(alg)) refuse(index, `needs alg ${ASSERTION_ALGORITHMS.join(' or ')}`);
  if (key.kty !== KEY_TYPE[alg]) refuse(index, `with alg ${alg} must have kty ${KEY_TYPE[alg]}`);
  if (alg === 'ES384' && key.crv !== 'P-384') refuse(index, 'with alg ES384 must have crv P-384');
  if (alg === 'RS384' && (typeof key.n !== 'string' || key.n.length < MIN_RSA_MODULUS_CHARS)) refuse(index, 'is an RSA key shorter than 2048 bits');
  if (key.use !== undefined && key.use !== 'sig') refuse(index, 'must be a signing key (use "sig")');
  const publicKey = Object.fromEntries(PUBLIC_MEMBERS[key.kty as string]!.filter((m) => key[m] !== undefined).map((m) => [m, key[m]])) as JWK;
  try {
    await importJWK(publicKey, alg);
  } catch {
    refuse(index, 'cannot be read as a public key');
  }
  return publicKey;
}

/** The client's public keys as they will be stored, or `invalidClient` saying which key is wrong and why. */
export async function checkClientKeys(jwks: unknown): Promise<JSONWebKeySet> {
  const keys = (jwks as { keys?: unknown } | undefined)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw SecurityErrors.invalidClient(['jwks must be a JSON Web Key Set with at least one key'], { expression: ['jwks'] });
  const checked: JWK[] = [];
  for (const [index, raw] of keys.entries()) checked.push(await checkKey(raw, index));
  const kids = checked.map((k) => k.kid);
  const repeated = kids.find((kid, i) => kids.indexOf(kid) !== i);
  if (repeated) throw SecurityErrors.invalidClient([`kid ${repeated} appears twice in jwks`], { expression: ['jwks'] });
  return { keys: checked };
}
