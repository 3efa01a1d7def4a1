import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Engine } from '../engine.ts';
import type { FhirMethod, FhirRequest } from '../request.ts';
import { authenticateRequest } from './authenticate-request.ts';
import { sendFhir } from '../response.ts';
import type { Dispatcher } from '../router/dispatch.ts';
import type { HeavyGate } from './heavy-gate.ts';
import type { InFlight } from './in-flight.ts';
import { isHeavy } from './heavy-gate.ts';
import { assertJsonAcceptable } from './negotiate-format.ts';
import { parseFhirHeaders } from './parse-headers.ts';

function queryPairs(url: string): [string, string][] {
  const q = url.indexOf('?');
  return q < 0 ? [] : [...new URLSearchParams(url.slice(q + 1)).entries()];
}

/** POST _search carries its parameters as a form body; they join the URL's (http.html#search). */
function formPairs(request: FastifyRequest): [string, string][] {
  return typeof request.body === 'string' && /x-www-form-urlencoded/.test(request.headers['content-type'] ?? '')
    ? [...new URLSearchParams(request.body).entries()]
    : [];
}

export function toFhirRequest(request: FastifyRequest, prefix: string): FhirRequest {
  const path = (request.url.split('?')[0] ?? '').slice(prefix.length).replace(/^\/+|\/+$/g, '');
  const isForm = formPairs(request);
  return {
    method: (request.method === 'HEAD' ? 'GET' : request.method) as FhirMethod,
    path,
    query: [...queryPairs(request.url), ...isForm],
    headers: parseFhirHeaders(request.headers),
    body: isForm.length > 0 ? undefined : request.body,
  };
}

export interface FhirRouteOptions {
  prefix: string;
  engine: Engine;
  dispatcher: Dispatcher;
  /** Admission of heavy requests; without it every request runs at once. */
  heavyGate?: HeavyGate;
  /** Counts the requests being worked on, so closing can wait for them. */
  inFlight: InFlight;
}

/** One catch-all route for the FHIR base: the FHIR router, not Fastify's, decides the interaction. */
export function registerFhirRoutes(app: FastifyInstance, { prefix, engine, dispatcher, heavyGate, inFlight }: FhirRouteOptions): void {
  const handler = (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => inFlight.track(() => serve(request, reply));
  const serve = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const fhirRequest = toFhirRequest(request, prefix);
    const format = fhirRequest.query.find(([k]) => k === '_format')?.[1];
    assertJsonAcceptable(format, request.headers.accept);
    await authenticateRequest(engine.hooks, request);
    const caller = { principal: request.principal, log: request.log, requestId: String(request.id), ip: request.ip };
    const bodyBytes = Number(request.headers['content-length'] ?? 0) || 0;
    const response = heavyGate && isHeavy(fhirRequest, bodyBytes)
      ? await heavyGate.run(() => dispatcher.handle(fhirRequest, caller))
      : await dispatcher.handle(fhirRequest, caller);
    const pretty = fhirRequest.query.some(([k, v]) => k === '_pretty' && v === 'true');
    return sendFhir(reply, response, fhirRequest, engine.config.baseUrl, pretty);
  };
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  app.route({ method: methods, url: prefix, handler });
  app.route({ method: methods, url: `${prefix}/*`, handler });
}
