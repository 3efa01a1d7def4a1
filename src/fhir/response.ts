import type { BundleEntryResponse, Resource } from '@medplum/fhirtypes';
import type { FastifyReply } from 'fastify';
import { informational } from './outcome.ts';
import type { FhirRequest, FhirResponse } from './request.ts';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

const REASON: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
  404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable', 409: 'Conflict', 410: 'Gone', 412: 'Precondition Failed',
  413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 428: 'Precondition Required',
  429: 'Too Many Requests', 500: 'Internal Server Error', 501: 'Not Implemented', 503: 'Service Unavailable',
};

export function statusLine(status: number): string {
  return REASON[status] ? `${status} ${REASON[status]}` : String(status);
}

export function etag(versionId: string): string {
  return `W/"${versionId}"`;
}

/**
 * What the body of a successful response is, after Prefer: return (http.html#ops): as text where the response has
 * it (`asText`, for HTTP), else as the object (for a Bundle entry).
 */
function body(res: FhirResponse, req: FhirRequest, asText: boolean): Resource | string | undefined {
  if (res.status === 204 || res.status === 304) return undefined;
  if (res.representsStored) {
    if (req.headers.preferReturn === 'minimal') return undefined;
    if (req.headers.preferReturn === 'OperationOutcome') return informational(`${statusLine(res.status)}: ${res.location ?? 'done'}`);
  }
  return asText ? (res.json ?? res.resource) : (res.resource ?? res.json);
}

/** Writes a successful FhirResponse as HTTP: status, ETag, Last-Modified, Location and the body. */
export function sendFhir(reply: FastifyReply, res: FhirResponse, req: FhirRequest, baseUrl: string, pretty: boolean): FastifyReply {
  reply.code(res.status);
  if (res.versionId !== undefined) reply.header('ETag', etag(res.versionId));
  if (res.lastModified !== undefined) reply.header('Last-Modified', new Date(res.lastModified).toUTCString());
  if (res.location !== undefined) reply.header('Location', `${baseUrl}/${res.location}`);
  if (req.headers.preferReturn !== undefined && res.representsStored) reply.header('Preference-Applied', `return=${req.headers.preferReturn}`);
  const content = body(res, req, true);
  if (content === undefined) return reply.send();
  reply.type(FHIR_JSON);
  if (typeof content === 'string') return reply.send(pretty ? JSON.stringify(JSON.parse(content), null, 2) : content);
  return reply.send(pretty ? JSON.stringify(content, null, 2) : JSON.stringify(content));
}

/** Answers a route outside the FHIR base with a resource (an OperationOutcome that says what was done), as FHIR JSON. */
export function sendResource(reply: FastifyReply, status: number, resource: Resource): FastifyReply {
  return reply.code(status).type(FHIR_JSON).send(JSON.stringify(resource));
}

/** The same response as a Bundle entry of a transaction-response or batch-response. */
export function entryFor(res: FhirResponse, req: FhirRequest, baseUrl: string): { resource?: Resource; response: BundleEntryResponse; fullUrl?: string } {
  // A HEAD entry asks for the headers only (http.html#read).
  const content = req.method === 'HEAD' ? undefined : body(res, req, false);
  const resource = typeof content === 'string' ? (JSON.parse(content) as Resource) : content;
  const response: BundleEntryResponse = {
    status: statusLine(res.status),
    ...(res.location !== undefined ? { location: res.location } : {}),
    ...(res.versionId !== undefined ? { etag: etag(res.versionId) } : {}),
    ...(res.lastModified !== undefined ? { lastModified: res.lastModified } : {}),
  };
  const isOutcome = resource?.resourceType === 'OperationOutcome' && res.representsStored === true;
  const id = resource && !isOutcome && resource.resourceType !== 'Bundle' ? resource.id : undefined;
  // Without a body (Prefer: return=minimal) the Location still says which resource the entry is about.
  const fullUrl = id ? `${baseUrl}/${resource!.resourceType}/${id}` : res.location ? `${baseUrl}/${res.location.replace(/\/_history\/[^/]+$/, '')}` : undefined;
  return {
    ...(fullUrl ? { fullUrl } : {}),
    ...(resource && !isOutcome ? { resource } : {}),
    response: isOutcome ? { ...response, outcome: resource } : response,
  };
}
