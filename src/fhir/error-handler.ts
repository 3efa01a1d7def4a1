import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { BrugError, type ErrorCategory, type Language } from '../errors.ts';
import { FhirErrors } from './errors.ts';
import { preferredLanguage } from './http/accept-language.ts';
import { outcomeForError } from './outcome.ts';
import { FHIR_JSON } from './response.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The language of error texts when the client's Accept-Language names none Brug has (ERROR_LANGUAGE). */
    errorLanguage?: Language;
  }
}

// Fastify's codes name the library: the client gets ours.
const FASTIFY_CATEGORIES: Record<string, { code: string; category: ErrorCategory; message: (err: FastifyError, request: FastifyRequest) => string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: FhirErrors.unsupportedMediaType.code, category: 'unsupported-media-type', message: (e) => e.message },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: FhirErrors.invalidRequest.code, category: 'invalid', message: () => 'Content-Length does not match the body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: FhirErrors.missingBody.code, category: 'invalid', message: () => 'The request body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: FhirErrors.malformedJson.code, category: 'invalid', message: () => 'The request body is not valid JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: FhirErrors.bodyTooLarge.code, category: 'too-large', message: (_e, request) => bodyTooLarge(request) },
  FST_ERR_CTP_INVALID_TYPE: { code: FhirErrors.unsupportedMediaType.code, category: 'unsupported-media-type', message: () => 'Invalid Content-Type header' },
  FST_ERR_BAD_URL: { code: FhirErrors.invalidRequest.code, category: 'invalid', message: () => 'The URL is malformed' },
  FST_ERR_ASYNC_CONSTRAINT: { code: FhirErrors.invalidRequest.code, category: 'invalid', message: () => 'The request cannot be routed' },
};

/** Names the limit, as every refusal for a limit does; the route knows it (BODY_LIMIT_BYTES sets it for all routes). */
function bodyTooLarge(request: FastifyRequest): string {
  const limit = request.routeOptions?.bodyLimit;
  return limit === undefined ? 'The request body is too large' : `The request body is too large: more than ${limit} bytes (BODY_LIMIT_BYTES=${limit})`;
}

/** Fastify's own errors (parsing, limits, schemas) as BrugErrors, so a bad request never becomes a 5xx. */
function fromFastify(err: FastifyError, request: FastifyRequest): BrugError | undefined {
  const known = err.code ? FASTIFY_CATEGORIES[err.code] : undefined;
  if (known) return new BrugError(known.code, known.category, known.message(err, request));
  if (err.validation) return new BrugError(FhirErrors.invalidRequest.code, 'invalid', err.message);
  if (err instanceof SyntaxError) return FhirErrors.malformedJson([err.message]);
  const status = err.statusCode ?? 0;
  if (status >= 400 && status < 500) {
    const category: ErrorCategory = status === 413 ? 'too-large' : status === 415 ? 'unsupported-media-type' : status === 404 ? 'not-found' : 'invalid';
    return new BrugError(FhirErrors.invalidRequest.code, category, status === 413 ? bodyTooLarge(request) : err.message);
  }
  return undefined;
}

/**
 * The last guard for input no limit caught: only a client's input nests deeply enough to overflow the stack of a
 * walk over it. The limits are meant to stop such input first; this keeps a miss a 4xx, logged at warn to be found.
 */
function fromRuntime(err: Error): BrugError | undefined {
  if (err instanceof RangeError && /call stack size/.test(err.message)) return FhirErrors.tooComplex([], { cause: err });
  return undefined;
}

/** The single error handler: every error leaves as an OperationOutcome; faults are logged with detail, never sent. */
export function fhirErrorHandler(err: FastifyError | BrugError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const runtime = err instanceof BrugError ? undefined : fromRuntime(err);
  const mapped = err instanceof BrugError ? err : (runtime ?? fromFastify(err as FastifyError, request));
  const language = preferredLanguage(request.headers['accept-language'], request.server?.errorLanguage ?? 'en');
  const { status, outcome, fault } = outcomeForError(mapped ?? err, language);
  if (fault) request.log.error({ err }, 'request failed');
  else if (runtime) request.log.warn({ err }, 'request too complex: a limit missed it');
  else request.log.info({ code: mapped?.code, status }, 'request refused');
  if (status === 429 || status === 503) reply.header('Retry-After', '1');
  if (mapped?.headers) reply.headers(mapped.headers);
  reply.header('Content-Language', language);
  reply.header('Vary', 'Accept-Language');
  return reply.code(status).type(FHIR_JSON).send(JSON.stringify(outcome));
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return fhirErrorHandler(FhirErrors.unknownRoute([request.method, request.url.split('?')[0]!]), request, reply);
}
