import type { SubscriptionConfig } from '../config.ts';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * Why notifications may not go to `endpoint`, or undefined when they may. A notification leaves the server with
 * the subscriber's headers (often a secret), so only https endpoints on the configured list are allowed; loopback
 * (plain http too) only outside production, for development and tests. No credentials in the URL, no other schemes.
 */
export function endpointRefusal(endpoint: string, config: SubscriptionConfig): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'it is not an absolute URL';
  }
  if (url.username !== '' || url.password !== '') return 'credentials belong in channel.header, not in the URL';
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `the ${url.protocol} scheme is not supported; use https`;
  if (config.allowLoopback && LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  if (url.protocol !== 'https:') return 'only https endpoints are allowed';
  if (config.endpoints.some((pattern) => originMatches(pattern, url))) return undefined;
  return config.endpoints.length === 0
    ? 'no endpoints are allowed on this server (SUBSCRIPTION_ENDPOINTS is empty)'
    : `its origin is not in SUBSCRIPTION_ENDPOINTS`;
}

/** `https://hooks.example.org` matches that origin; `https://*.welzijn.example` any subdomain of it. */
function originMatches(pattern: string, url: URL): boolean {
  let allowed: URL;
  try {
    allowed = new URL(pattern.replace('*.', 'wildcard-placeholder.'));
  } catch {
    return false;
  }
  if (allowed.protocol !== url.protocol || allowed.port !== url.port) return false;
  if (!pattern.includes('*.')) return allowed.hostname === url.hostname;
  const suffix = allowed.hostname.slice('wildcard-placeholder'.length);
  return url.hostname.endsWith(suffix) && url.hostname.length > suffix.length;
}
