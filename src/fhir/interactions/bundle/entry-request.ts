// https://hl7.org/fhir/R4/bundle.html#transaction: each entry's request (method, url, conditional headers) as a FhirRequest
import { FhirErrors } from '../../errors.ts';
import { parseIfMatch } from '../../http/parse-headers.ts';
import type { FhirHeaders, FhirMethod, FhirRequest } from '../../request.ts';
import type { FhirLimits } from '../../limits.ts';
import { patchBody } from './patch-body.ts';

const METHODS: readonly FhirMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

export interface BundleEntryPlan {
  readonly index: number;
  readonly fullUrl?: string;
  /** The entry as an interaction request; transactions rewrite it as identities and references resolve. */
  readonly request: FhirRequest;
}

export interface EntryParseOptions {
  /** The server's FHIR base: absolute request URLs must start with it. */
  readonly baseUrl: string;
  /** Headers of the HTTP request that carried the Bundle; its Prefer applies to every entry. */
  readonly outer: FhirHeaders;
  readonly inTransaction: boolean;
  /** Bounds for what an entry may carry inside a string (a JSON Patch in a Binary). */
  readonly limits?: FhirLimits;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(request: Record<string, unknown>, name: string, at: string): string | undefined {
  const value = request[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw FhirErrors.invalidBundle([`${at}.request.${name} must be a string`], { expression: [`${at}.request.${name}`] });
  return value;
}

/** `Patient?x=1`, `/Patient/1` or `{base}/Patient/1` to a path below the base and query pairs. */
function splitUrl(url: string, baseUrl: string, at: string): { path: string; query: [string, string][] } {
  let relative = url;
  if (url === baseUrl || url.startsWith(`${baseUrl}/`) || url.startsWith(`${baseUrl}?`)) relative = url.slice(baseUrl.length);
  else if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    throw FhirErrors.invalidBundle([`${at}.request.url must be relative to this server's base ${baseUrl}`], { expression: [`${at}.request.url`] });
  }
  const q = relative.indexOf('?');
  const path = (q < 0 ? relative : relative.slice(0, q)).replace(/^\/+|\/+$/g, '');
  const query = q < 0 ? [] : [...new URLSearchParams(relative.slice(q + 1)).entries()];
  return { path, query };
}

function entryHeaders(request: Record<string, unknown>, outer: FhirHeaders, at: string): FhirHeaders {
  const ifMatch = optionalString(request, 'ifMatch', at);
  const ifModifiedSince = optionalString(request, 'ifModifiedSince', at);
  if (ifModifiedSince !== undefined && Number.isNaN(Date.parse(ifModifiedSince))) {
    throw FhirErrors.badHeader(['ifModifiedSince', 'not an instant'], { expression: [`${at}.request.ifModifiedSince`] });
  }
  let version: string | undefined;
  try {
    version = ifMatch === undefined ? undefined : parseIfMatch(ifMatch);
  } catch {
    throw FhirErrors.badIfMatch([ifMatch ?? ''], { expression: [`${at}.request.ifMatch`] });
  }
  return {
    ifMatch: version,
    ifNoneMatch: optionalString(request, 'ifNoneMatch', at),
    ifNoneExist: optionalString(request, 'ifNoneExist', at),
    ifModifiedSince,
    preferReturn: outer.preferReturn,
    preferHandling: outer.preferHandling,
  };
}

/** The type named by a create/update URL (`Patient`, `Patient/1`); undefined for operations, searches and the base. */
export function urlResourceType(path: string): string | undefined {
  const segments = path.split('/');
  if (segments.length > 2 || !/^[A-Z][A-Za-z]*$/.test(segments[0] ?? '')) return undefined;
  if (segments.length === 2 && /^[_$]/.test(segments[1]!)) return undefined;
  return segments[0];
}

function resourceBody(entry: Record<string, unknown>, path: string, at: string): unknown {
  const resource = entry.resource;
  if (!isObject(resource) || typeof resource.resourceType !== 'string') {
    throw FhirErrors.invalidBundle([`${at}.resource must be a resource for this request`], { expression: [`${at}.resource`] });
  }
  const type = urlResourceType(path);
  if (type !== undefined && resource.resourceType !== type) {
    throw FhirErrors.typeMismatch([resource.resourceType, type], { expression: [`${at}.resource.resourceType`] });
  }
  return resource;
}

function methodOf(request: Record<string, unknown>, at: string): FhirMethod {
  const method = request.method;
  if (typeof method !== 'string' || !METHODS.includes(method as FhirMethod)) {
    throw FhirErrors.invalidBundle([`${at}.request.method must be one of ${METHODS.join(', ')}`], { expression: [`${at}.request.method`] });
  }
  return method as FhirMethod;
}

/** Checks one entry and turns it into a FhirRequest; errors name the entry's element (`Bundle.entry[3].request.url`). */
export function parseEntry(raw: unknown, index: number, options: EntryParseOptions): BundleEntryPlan {
  const at = `Bundle.entry[${index}]`;
  if (!isObject(raw)) throw FhirErrors.invalidBundle([`${at} must be an object`], { expression: [at] });
  const request = raw.request;
  if (!isObject(request)) throw FhirErrors.invalidBundle([`${at}.request is required`], { expression: [`${at}.request`] });
  const method = methodOf(request, at);
  const url = request.url;
  if (typeof url !== 'string' || url.trim() === '') {
    throw FhirErrors.invalidBundle([`${at}.request.url is required`], { expression: [`${at}.request.url`] });
  }
  const { path, query } = splitUrl(url.trim(), options.baseUrl, at);
  if (path === '' && method === 'POST') throw FhirErrors.nestedBundle([at], { expression: [`${at}.request.url`] });
  const fullUrl = typeof raw.fullUrl === 'string' ? raw.fullUrl : undefined;
  const headers = entryHeaders(request, options.outer, at);
  let body: unknown;
  if (method === 'POST' || method === 'PUT') body = resourceBody(raw, path, at);
  if (method === 'PATCH') {
    const patch = patchBody(raw.resource, at, options.limits);
    body = patch.body;
    headers.contentType = patch.contentType;
  }
  const fhirRequest: FhirRequest = { method, path, query, headers, body, ...(options.inTransaction ? { inTransaction: true } : {}) };
  return { index, ...(fullUrl !== undefined ? { fullUrl } : {}), request: fhirRequest };
}
